package io.presign.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.presign.support.CloudFrontTestKeys;
import io.presign.support.TestHost;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The packaged jar, started with each of the mistakes people most often make, fails at
 * once with one failure analysis, the first error it logs, that names the property as it
 * is written, its value unless it is a secret, and the fix; and exits with a non-zero
 * status.
 */
@Execution(ExecutionMode.CONCURRENT)
class StartupFailureIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** A profile that starts, which each case breaks. */
	private static final List<String> VALID = List.of("--presign.profiles.files.bucket=files-bucket",
			"--presign.profiles.files.region=eu-west-1", "--presign.profiles.files.operations=download,upload",
			"--presign.profiles.files.content-types=text/plain", "--presign.profiles.files.max-content-length=1MB",
			"--presign.profiles.files.required-scope=files",
			"--presign.signing.static-credentials.access-key-id=AKIASTARTUPTEST00000",
			"--presign.signing.static-credentials.secret-access-key=not-a-real-secret-key",
			"--presign.signing.region-check=off");

	static Stream<Arguments> mistakes() throws IOException {
		Path pkcs1 = Files.createTempFile("pkcs1", ".pem");
		Files.writeString(pkcs1, "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n");
		return Stream.of(
				mistake("an http endpoint", List.of("--presign.profiles.files.endpoint=http://s3.local:9000"),
						"presign.profiles.files.endpoint = \\\"http://s3.local:9000\\\"", "allow-insecure-endpoint"),
				mistake("a missing region", List.of("--presign.profiles.files.region="),
						"presign.profiles.files.region", "set the bucket's region"),
				mistake("an expiry over 7 days", List.of("--presign.profiles.files.max-expiry=8d"),
						"presign.profiles.files.max-expiry = \\\"8d\\\"", "max-expiry <= 7d"),
				mistake("an expiry that is no duration", List.of("--presign.profiles.files.default-expiry=5 minutes"),
						"presign.profiles.files.default-expiry = \\\"5 minutes\\\"", "a duration such as"),
				mistake("a misspelt property", List.of("--presign.profiles.files.max-contnet-length=1MB"),
						"presign.profiles.files.max-contnet-length",
						"did you mean 'presign.profiles.files.max-content-length'"),
				mistake("a property that moved", List.of("--presign.diagnostics.admin-scope=ops"),
						"presign.diagnostics.admin-scope", "presign.security.admin-scope"),
				mistake("a short ticket secret", List.of("--presign.upload-tickets.secret=short-ticket-secret"),
						"presign.upload-tickets.secret = \\\"******\\\"", "openssl rand"),
				mistake("a CloudFront key in PKCS#1",
						List.of("--presign.profiles.files.delivery=cloudfront",
								"--presign.profiles.files.operations=download",
								"--presign.profiles.files.cloudfront.distribution-domain=d111111abcdef8.cloudfront.net",
								"--presign.profiles.files.cloudfront.key-pair-id=K2JCJMDEHXQW5F",
								"--presign.profiles.files.cloudfront.private-key-location=" + pkcs1.toUri()),
						"presign.profiles.files.cloudfront.private-key-location", "PKCS#8"),
				mistake("a Redis store without a Redis", List.of("--presign.rate-limit.store=redis"),
						"presign.rate-limit.store = \\\"redis\\\"", "spring.data.redis.url"),
				mistake("a Redis URL that is none, with a password",
						List.of("--presign.rate-limit.store=redis",
								"--spring.data.redis.url=redis://:redis-secret-hunter2@127.0.0.1:notaport"),
						"spring.data.redis.url = \\\"******\\\"", "redis://[:password@]host:port"),
				mistake("a key prefix without its slash",
						List.of("--presign.profiles.files.key-prefix=users/{principal}"),
						"presign.profiles.files.key-prefix = \\\"users/{principal}\\\"", "end the prefix with '/'"),
				mistake("CORS for any origin", List.of("--presign.cors.allowed-origins=*"),
						"presign.cors.allowed-origins", "name each frontend's origin"),
				mistake("a role beside static credentials",
						List.of("--presign.signing.role.arn=arn:aws:iam::123456789012:role/signer"),
						"presign.signing.role.arn", "not both"));
	}

	private static Arguments mistake(String name, List<String> arguments, String names, String fix) {
		return Arguments.of(Named.of(name, arguments), names, fix);
	}

	@ParameterizedTest
	@MethodSource("mistakes")
	void failsWithOneAnalysisNamingThePropertyAndTheFix(List<String> mistake, String names, String fix)
			throws Exception {
		Path jar = Path.of(System.getProperty("packaged.jar", "target/presign-service.jar"));
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
						"--server.port=" + TestHost.freePort(), "--management.server.port=" + TestHost.freePort()));
		command.addAll(VALID);
		command.addAll(mistake);
		Process start = new ProcessBuilder(command).redirectErrorStream(true).start();
		if (!start.waitFor(120, TimeUnit.SECONDS)) {
			start.destroyForcibly();
			fail("still running 120 s after a start that should fail: " + mistake);
		}
		String output = new String(start.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(start.exitValue()).as(output).isNotZero();
		JsonNode firstError = output.lines()
			.filter((line) -> line.startsWith("{"))
			.map(JSON::readTree)
			.filter((line) -> "ERROR".equals(line.at("/log/level").asString()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no error logged:\n" + output));
		assertThat(firstError.at("/log/logger").asString()).as(output)
			.isEqualTo("org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter");
		String analysis = firstError.get("message").asString();
		assertThat(analysis).as(output)
			.contains("APPLICATION FAILED TO START")
			.contains(JSON.readTree("\"" + names + "\"").asString())
			.contains(fix);
		assertThat(output).as("no secret value is shown: ticket secret, static secret key, Redis password, key")
			.doesNotContain("short-ticket-secret")
			.doesNotContain("not-a-real-secret-key")
			.doesNotContain("hunter2")
			.doesNotContain("MIIB");
	}

}
