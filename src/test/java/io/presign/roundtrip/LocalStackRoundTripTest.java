package io.presign.roundtrip;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import io.presign.support.ApiClient;
import io.presign.support.IntegrationTest;
import io.presign.support.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The round-trip contract against LocalStack with signature validation on, when a Docker
 * daemon runs and the LocalStack image is already present (nothing is pulled); reported
 * as skipped otherwise.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
@Import(IntegrationTest.Time.class)
@EnabledIf(value = "localStackAvailable", disabledReason = "needs a Docker daemon and a local LocalStack image")
class LocalStackRoundTripTest implements RoundTripContract {

	private static final DockerImageName IMAGE = DockerImageName
		.parse(System.getProperty("localstack.image", "localstack/localstack:4.4"));

	private static LocalStackContainer localStack;

	@LocalServerPort
	private int port;

	/**
	 * Asked of the docker command rather than Testcontainers' client, whose first use
	 * starts its resource reaper, which wants an image of its own: where a daemon runs
	 * but no image can be pulled (CI), that waits and retries instead of answering.
	 */
	static boolean localStackAvailable() {
		try {
			Process inspect = new ProcessBuilder("docker", "image", "inspect", IMAGE.asCanonicalNameString())
				.redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!inspect.waitFor(30, TimeUnit.SECONDS)) {
				inspect.destroyForcibly();
				return false;
			}
			return inspect.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@BeforeAll
	static void startLocalStack() {
		// LocalStack accepts any signature unless told otherwise: the refusal cases would
		// pass for no reason.
		localStack = new LocalStackContainer(IMAGE).withServices("s3").withEnv("S3_SKIP_SIGNATURE_VALIDATION", "0");
		localStack.start();
		try (S3Client s3 = S3Client.builder()
			.endpointOverride(localStack.getEndpoint())
			.region(Region.of(localStack.getRegion()))
			.forcePathStyle(true)
			.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(localStack.getAccessKey(), localStack.getSecretKey())))
			.build()) {
			s3.createBucket((bucket) -> bucket.bucket("it-bucket"));
		}
	}

	@AfterAll
	static void stopLocalStack() {
		if (localStack != null) {
			localStack.stop();
		}
	}

	@DynamicPropertySource
	static void localStackProperties(DynamicPropertyRegistry registry) {
		registry.add("embedded.s3.endpoint", () -> localStack.getEndpoint().toString());
		registry.add("embedded.s3.region", () -> localStack.getRegion());
		registry.add("presign.signing.static-credentials.access-key-id", () -> localStack.getAccessKey());
		registry.add("presign.signing.static-credentials.secret-access-key", () -> localStack.getSecretKey());
	}

	@Override
	public MutableClock clock() {
		return IntegrationTest.Time.clock();
	}

	@Override
	public ApiClient api() {
		return new ApiClient(this.port);
	}

	@Override
	public String apiKey() {
		return "alice-key";
	}

}
