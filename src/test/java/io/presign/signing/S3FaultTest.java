package io.presign.signing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.presign.support.ApiClient;
import io.presign.support.EmbeddedS3Server;
import io.presign.support.FaultProxy;
import io.presign.support.TestJwtIssuer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.presign.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * S3 hangs, then refuses connections, then comes back: the calls the service itself makes
 * to S3 (multipart and diagnostics) answer within about one call timeout, URL issuance,
 * which needs no S3 call, keeps working, and everything works again once S3 does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "presign.signing.aws-call-timeout=1s", "presign.signing.region-check=off" })
@ActiveProfiles("it")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3FaultTest {

	private static final String ALICE_KEY = "alice-key";

	private static final FaultProxy PROXY = new FaultProxy(EmbeddedS3Server.shared().endpoint(),
			FaultProxy.Mode.FORWARD);

	private static final Map<String, Object> START = Map.of("profile", "large", "key", "fault.bin", "contentType",
			"application/octet-stream", "contentLength", 1024);

	private ApiClient api;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void throughTheProxy(DynamicPropertyRegistry registry) {
		EmbeddedS3Server.shared().createBucket("it-bucket");
		registry.add("embedded.s3.endpoint", () -> PROXY.endpoint().toString());
		TestJwtIssuer.shared().properties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@BeforeEach
	void createClient() {
		this.api = new ApiClient(this.port);
	}

	@AfterAll
	static void stop() {
		PROXY.close();
	}

	@Test
	@Order(1)
	void hangingS3IsA503WithinBoundedTimeWhileUrlsAreStillIssued() {
		// Warmed first, so that the timing below measures waiting on S3, not the first
		// request's start-up costs.
		assertThat(this.api
			.postJson("/v1/downloads", Map.of("profile", "files", "key", "a.txt"), ApiClient.apiKey(ALICE_KEY))
			.status()).isEqualTo(200);
		PROXY.mode(FaultProxy.Mode.STALL);
		int before = PROXY.connections();
		long start = System.nanoTime();
		CompletableFuture<ApiClient.Response> multipart = CompletableFuture.supplyAsync(this::startMultipart);
		CompletableFuture<ApiClient.Response> diagnostics = CompletableFuture
			.supplyAsync(() -> this.api.get("/v1/diagnostics/files", ApiClient.apiKey("ops-key")));
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> PROXY.connections() > before);
		ApiClient.Response download = this.api.postJson("/v1/downloads", Map.of("profile", "files", "key", "a.txt"),
				ApiClient.apiKey(ALICE_KEY));
		assertThat(download.status()).isEqualTo(200);
		assertThat(List.of(multipart, diagnostics)).as("a URL needs no S3 call: issued while S3 hangs")
			.anyMatch((call) -> !call.isDone());
		// Profiles that ask S3 before issuing a download cannot issue one while it hangs.
		CompletableFuture<ApiClient.Response> existing = CompletableFuture.supplyAsync(() -> this.api
			.postJson("/v1/downloads", Map.of("profile", "archive", "key", "a.txt"), ApiClient.apiKey(ALICE_KEY)));
		CompletableFuture<ApiClient.Response> existingBatch = CompletableFuture
			.supplyAsync(() -> this.api.postJson("/v1/downloads/batch",
					Map.of("profile", "archive", "keys", List.of("a.txt", "b.txt", "c.txt")),
					ApiClient.apiKey(ALICE_KEY)));

		assertProblem(multipart.join(), 503, "signing-unavailable", null);
		assertProblem(existing.join(), 503, "signing-unavailable", null);
		assertProblem(existingBatch.join(), 503, "signing-unavailable", null);
		JsonNode report = diagnostics.join().json();
		assertThat(report.get("healthy").asBoolean()).isFalse();
		assertThat(DiagnosticsSteps.status(report, "canary-put")).isEqualTo("failed");
		// Each S3 call gives up after the call timeout (1 s), the diagnostics' canary
		// after a few of them; the
		// margin is for a loaded two-core machine, well under what a call without a
		// timeout would hang.
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4 + 10));
		assertThat(PROXY.connections()).as("the calls went through the hanging proxy").isGreaterThan(before);
	}

	@Test
	@Order(2)
	void refusingS3IsA503() {
		PROXY.mode(FaultProxy.Mode.REFUSE);
		int before = PROXY.connections();
		assertProblem(startMultipart(), 503, "signing-unavailable", null);
		assertProblem(this.api.postJson("/v1/downloads", Map.of("profile", "archive", "key", "a.txt"),
				ApiClient.apiKey(ALICE_KEY)), 503, "signing-unavailable", null);
		assertThat(PROXY.connections()).as("each call tried S3, and was refused").isGreaterThan(before);
	}

	@Test
	@Order(3)
	void recoversOnItsOwnOnceS3Answers() {
		PROXY.mode(FaultProxy.Mode.FORWARD);
		ApiClient.Response started = startMultipart();
		assertThat(started.status()).as(started.text()).isEqualTo(200);
		assertProblem(this.api.postJson("/v1/downloads", Map.of("profile", "archive", "key", "a.txt"),
				ApiClient.apiKey(ALICE_KEY)), 404, "object-not-found", "key");
		JsonNode report = this.api.get("/v1/diagnostics/files", ApiClient.apiKey("ops-key")).json();
		assertThat(report.get("healthy").asBoolean()).as(report.toString()).isTrue();
	}

	private ApiClient.Response startMultipart() {
		return this.api.postJson("/v1/multipart-uploads", START, ApiClient.apiKey(ALICE_KEY));
	}

	/**
	 * Reads a diagnostics report's steps.
	 */
	private static final class DiagnosticsSteps {

		static String status(JsonNode report, String name) {
			return report.get("steps")
				.valueStream()
				.filter((step) -> step.get("name").asString().equals(name))
				.findFirst()
				.orElseThrow()
				.get("status")
				.asString();
		}

	}

}
