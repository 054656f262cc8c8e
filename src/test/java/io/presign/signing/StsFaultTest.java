package io.presign.signing;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.presign.support.ApiClient;
import io.presign.support.FaultProxy;
import io.presign.support.IntegrationTest;
import io.presign.support.StsStandIn;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

import static io.presign.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * STS hangs, then refuses, then comes back, while the service signs with a role session:
 * requests needing a session fail with 503 after about one call timeout, requests that
 * need none keep working, and the first request after STS recovers gets a URL.
 */
@Import(StsFaultTest.RoleSession.class)
@TestPropertySource(properties = { "presign.signing.aws-call-timeout=1s", "presign.signing.region-check=off" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StsFaultTest extends IntegrationTest {

	private static final StsStandIn STS = startSts();

	private static final FaultProxy PROXY = new FaultProxy(STS.endpoint(), FaultProxy.Mode.STALL);

	private static final Map<String, Object> DOWNLOAD = Map.of("profile", "files", "key", "a.txt");

	@AfterAll
	static void stop() {
		PROXY.close();
		STS.close();
	}

	@Test
	@Order(1)
	void hangingStsIsA503WithinBoundedTimeWhileOtherRequestsKeepWorking() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(10);
		try {
			long start = System.nanoTime();
			List<Future<ApiClient.Response>> downloads = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				downloads.add(pool.submit(this::download));
			}
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> PROXY.connections() > 0);
			ApiClient.Response profiles = this.api.get("/v1/profiles", ApiClient.apiKey(ALICE_KEY));
			assertThat(profiles.status()).isEqualTo(200);
			assertThat(downloads).as("a request that needs no session waits for nothing: answered while STS hangs")
				.anyMatch((download) -> !download.isDone());
			for (Future<ApiClient.Response> download : downloads) {
				ApiClient.Response response = download.get();
				assertProblem(response, 503, "signing-unavailable", null);
				assertThat(response.header("Retry-After")).isNotNull();
				assertThat(response.json().get("requestId").asString()).isNotBlank();
			}
			// One 1 s STS call for all eight; the others wait for it, then share its
			// failure instead of queueing
			// (eight calls one after the other would take 8 s). The margin is for a
			// loaded two-core machine.
			assertThat(PROXY.connections()).as("the failure is shared, not retried per request").isLessThanOrEqualTo(3);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2 + 5));
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	@Order(2)
	void refusingStsIsA503() throws Exception {
		PROXY.mode(FaultProxy.Mode.REFUSE);
		// Past the wait after a failed renewal, so that this request asks STS again.
		CLOCK.advance(Duration.ofMillis(2100));
		int before = PROXY.connections();
		assertProblem(download(), 503, "signing-unavailable", null);
		assertThat(PROXY.connections()).as("STS asked again, and refused").isGreaterThan(before);
	}

	@Test
	@Order(3)
	void recoversOnItsOwnOnceStsAnswers() throws Exception {
		PROXY.mode(FaultProxy.Mode.FORWARD);
		CLOCK.advance(Duration.ofMillis(2100));
		ApiClient.Response response = download();
		assertThat(response.status()).as(response.text()).isEqualTo(200);
		assertThat(response.json().get("url").asString()).contains("X-Amz-Security-Token=token-1");
		assertThat(download().status()).isEqualTo(200);
		assertThat(STS.requests()).as("one session serves both").hasSize(1);
	}

	private ApiClient.Response download() {
		return this.api.postJson("/v1/downloads", DOWNLOAD, ApiClient.apiKey(ALICE_KEY));
	}

	private static StsStandIn startSts() {
		try {
			return new StsStandIn();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class RoleSession {

		@Bean
		@Primary
		AssumedRoleCredentials roleSessionThroughFaultProxy() {
			SigningProperties.Role role = new SigningProperties.Role("arn:aws:iam::123456789012:role/signer", null,
					"presign-service", null, "us-east-1", PROXY.endpoint(), null, Duration.ZERO);
			return SigningConfiguration.assumedRole(role, Duration.ofSeconds(60), Duration.ofHours(1), CLOCK,
					StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBASE", "base-secret")),
					Duration.ofSeconds(1));
		}

	}

}
