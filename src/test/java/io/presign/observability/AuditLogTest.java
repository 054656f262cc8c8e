package io.presign.observability;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.read.ListAppender;
import io.presign.support.ApiClient;
import io.presign.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One structured audit event per issuance and per refusal, tied to the request id, with
 * no URL secret.
 */
class AuditLogTest extends IntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ListAppender<ILoggingEvent> events = new ListAppender<>() {

		@Override
		protected void append(ILoggingEvent event) {
			// Copies the request thread's MDC (request id, client address) into the event
			// before it is kept.
			event.prepareForDeferredProcessing();
			super.append(event);
		}

	};

	@BeforeEach
	void captureAuditEvents() {
		this.events.start();
		((Logger) LoggerFactory.getLogger(AuditLog.LOGGER)).addAppender(this.events);
	}

	@AfterEach
	void stopCapturing() {
		((Logger) LoggerFactory.getLogger(AuditLog.LOGGER)).detachAppender(this.events);
	}

	@Test
	void issuanceEventCarriesTheListedFieldsAndNoSecret() {
		ApiClient.Response response = this.api.postJson("/v1/uploads",
				Map.of("profile", "files", "key", "audit/a.txt", "contentType", "text/plain", "contentLength", 3),
				Map.of("X-Api-Key", ALICE_KEY, "X-Request-Id", "audit-test-1"));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("X-Request-Id")).isEqualTo("audit-test-1");

		String line = auditLine("audit-test-1");
		JsonNode event = JSON.readTree(line);
		assertThat(event.at("/log/logger").asString()).isEqualTo("presign.audit");
		assertThat(event.at("/event/action").asString()).isEqualTo("url-issued");
		assertThat(event.at("/event/outcome").asString()).isEqualTo("success");
		assertThat(event.get("@timestamp").asString()).isNotBlank();
		assertThat(event.get("clientIp").asString()).isEqualTo("127.0.0.1");
		assertThat(event.get("principal").asString()).isEqualTo("alice");
		assertThat(event.get("authMethod").asString()).isEqualTo("api_key");
		assertThat(event.get("profile").asString()).isEqualTo("files");
		assertThat(event.get("bucket").asString()).isEqualTo(BUCKET);
		assertThat(event.get("key").asString()).isEqualTo("users/alice/audit/a.txt");
		assertThat(event.get("operation").asString()).isEqualTo("upload");
		assertThat(event.get("expiresAt").asString()).isEqualTo(response.json().get("expiresAt").asString());
		assertThat(line).doesNotContain("X-Amz-Signature")
			.doesNotContain("X-Amz-Credential")
			.doesNotContain("X-Amz-Security-Token")
			.doesNotContain(response.json().get("url").asString().replaceAll(".*X-Amz-Signature=", ""));
	}

	@Test
	void aBatchIsOneEventListingItsIssuedKeys() {
		ApiClient.Response response = this.api.postJson("/v1/downloads/batch",
				Map.of("profile", "files", "keys", List.of("b/1.txt", "../bad", "b/2.txt")),
				Map.of("X-Api-Key", ALICE_KEY, "X-Request-Id", "audit-batch-1"));
		assertThat(response.status()).isEqualTo(200);

		List<ILoggingEvent> batchEvents;
		synchronized (this.events) {
			batchEvents = this.events.list.stream()
				.filter((event) -> "audit-batch-1".equals(event.getMDCPropertyMap().get(AuditLog.REQUEST_ID)))
				.toList();
		}
		assertThat(batchEvents).hasSize(1);
		JsonNode event = JSON.readTree(auditLine("audit-batch-1"));
		assertThat(event.at("/event/action").asString()).isEqualTo("url-issued");
		assertThat(event.get("keys").valueStream().map(JsonNode::asString)).as("the refused item is not issued")
			.containsExactly("users/alice/b/1.txt", "users/alice/b/2.txt");
		assertThat(event.get("keyCount").asInt()).isEqualTo(2);
		assertThat(event.has("key")).isFalse();
		assertThat(event.get("expiresAt").asString())
			.isEqualTo(response.json().at("/items/0/download/expiresAt").asString());
	}

	@Test
	void everyCallTheServiceMakesToS3ForACallerIsAudited() {
		ApiClient.Response started = this.api.postJson("/v1/multipart-uploads",
				Map.of("profile", "large", "key", "audit/big.bin", "contentType", "application/octet-stream",
						"contentLength", 6 * 1024 * 1024),
				Map.of("X-Api-Key", ALICE_KEY, "X-Request-Id", "audit-s3-start"));
		assertThat(started.status()).as(started.text()).isEqualTo(200);
		String uploadId = started.json().get("uploadId").asString();
		JsonNode start = JSON.readTree(auditLine("audit-s3-start"));
		assertThat(start.at("/event/action").asString()).isEqualTo("multipart-start");
		assertThat(start.at("/event/outcome").asString()).isEqualTo("success");
		assertThat(start.get("principal").asString()).isEqualTo("alice");
		assertThat(start.get("profile").asString()).isEqualTo("large");
		assertThat(start.get("bucket").asString()).isEqualTo(BUCKET);
		assertThat(start.get("key").asString()).isEqualTo("users/alice/audit/big.bin");
		assertThat(start.get("uploadId").asString()).isEqualTo(uploadId);

		ApiClient.Response aborted = this.api.delete(
				"/v1/multipart-uploads/" + uploadId + "?profile=large&key=audit/big.bin",
				Map.of("X-Api-Key", ALICE_KEY, "X-Request-Id", "audit-s3-abort"));
		assertThat(aborted.status()).isEqualTo(204);
		JsonNode abort = JSON.readTree(auditLine("audit-s3-abort"));
		assertThat(abort.at("/event/action").asString()).isEqualTo("multipart-abort");
		assertThat(abort.get("uploadId").asString()).isEqualTo(uploadId);

		ApiClient.Response missing = this.api.delete(
				"/v1/multipart-uploads/no-such-upload?profile=large&key=audit/big.bin",
				Map.of("X-Api-Key", ALICE_KEY, "X-Request-Id", "audit-s3-missing"));
		JsonNode failed = JSON.readTree(auditLine("audit-s3-missing"));
		assertThat(failed.at("/event/action").asString()).as(missing.text()).isEqualTo("multipart-abort");
		assertThat(failed.at("/event/outcome").asString()).isEqualTo("failure");
		assertThat(failed.get("reason").asString()).isEqualTo(missing.json().get("code").asString());
	}

	@Test
	void refusalEventAndProblemCarryTheRequestId() {
		ApiClient.Response response = this.api.postJson("/v1/downloads", Map.of("profile", "files", "key", "../b"),
				Map.of("X-Api-Key", BOB_KEY, "X-Request-Id", "audit-test-2"));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("requestId").asString()).isEqualTo("audit-test-2");
		JsonNode event = JSON.readTree(auditLine("audit-test-2"));
		assertThat(event.at("/event/action").asString()).isEqualTo("request-refused");
		assertThat(event.at("/event/outcome").asString()).isEqualTo("failure");
		assertThat(event.get("reason").asString()).isEqualTo("key-invalid");
		assertThat(event.get("status").asInt()).isEqualTo(400);
		assertThat(event.get("principal").asString()).isEqualTo("bob");
		assertThat(event.get("profile").asString()).isEqualTo("files");
	}

	@Test
	void unauthenticatedRefusalIsAuditedWithAGeneratedRequestId() {
		ApiClient.Response response = this.api.postJson("/v1/downloads", Map.of("profile", "files", "key", "b"),
				Map.of("X-Request-Id", "bad id\twith tab"));
		assertThat(response.status()).isEqualTo(401);
		String generated = response.header("X-Request-Id");
		assertThat(generated).matches("[0-9a-f-]{36}");
		assertThat(response.json().get("requestId").asString()).isEqualTo(generated);
		JsonNode event = JSON.readTree(auditLine(generated));
		assertThat(event.get("reason").asString()).isEqualTo("unauthenticated");
		assertThat(event.has("principal")).isFalse();
	}

	@Test
	void refusedFullKeysAreAuditedWithTheKeysTried() {
		ApiClient.Response single = this.api.postJson("/v1/downloads",
				Map.of("profile", "files", "fullKey", "users/alice/secret.txt"),
				Map.of("X-Api-Key", BOB_KEY, "X-Request-Id", "audit-full-1"));
		assertThat(single.status()).isEqualTo(403);
		JsonNode event = JSON.readTree(auditLine("audit-full-1"));
		assertThat(event.get("key").asString()).isEqualTo("users/alice/secret.txt");

		ApiClient.Response batch = this.api.postJson("/v1/downloads/batch",
				Map.of("profile", "files", "fullKeys", List.of("users/bob/mine.txt", "users/alice/a.txt")),
				Map.of("X-Api-Key", BOB_KEY, "X-Request-Id", "audit-full-2"));
		assertThat(batch.status()).isEqualTo(403);
		JsonNode batchEvent = JSON.readTree(auditLine("audit-full-2"));
		assertThat(batchEvent.get("keys").valueStream().map(JsonNode::asString)).containsExactly("users/bob/mine.txt",
				"users/alice/a.txt");
		assertThat(batchEvent.get("keyCount").asInt()).isEqualTo(2);
	}

	@Test
	void refusedValuesAreLoggedAndEchoedTruncated() {
		String huge = "p".repeat(60_000);
		ApiClient.Response response = this.api.postJson("/v1/downloads", Map.of("profile", huge, "key", "a.txt"),
				Map.of("X-Api-Key", ALICE_KEY, "X-Request-Id", "audit-huge-1"));
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.body().length).isLessThan(2048);
		String line = auditLine("audit-huge-1");
		assertThat(line.length()).isLessThan(4096);
		assertThat(JSON.readTree(line).get("profile").asString())
			.isEqualTo("p".repeat(1024) + "…(" + (60_000 - 1024) + " more characters)");

		this.api.postJson("/v1/downloads", Map.of("profile", "files", "key", "a\n{\"forged\":1}"),
				Map.of("X-Api-Key", ALICE_KEY, "X-Request-Id", "audit-huge-2"));
		assertThat(JSON.readTree(auditLine("audit-huge-2")).get("key").asString()).as("control characters escaped")
			.isEqualTo("a\\u000a{\"forged\":1}");
	}

	@Test
	void forgedForwardedForIsNotLoggedAsTheClient() {
		this.api.postJson("/v1/downloads", Map.of("profile", "files", "key", "a.txt"),
				Map.of("X-Api-Key", ALICE_KEY, "X-Request-Id", "audit-xff-1", "X-Forwarded-For", "not-an-ip"));
		assertThat(JSON.readTree(auditLine("audit-xff-1")).get("clientIp").asString()).isEqualTo("invalid");
		this.api.postJson("/v1/downloads", Map.of("profile", "files", "key", "a.txt"),
				Map.of("X-Api-Key", ALICE_KEY, "X-Request-Id", "audit-xff-2", "X-Forwarded-For", "203.0.113.9"));
		assertThat(JSON.readTree(auditLine("audit-xff-2")).get("clientIp").asString())
			.as("the loopback proxy is trusted by default")
			.isEqualTo("203.0.113.9");
	}

	/**
	 * The audit event of a request as the console writes it (Elastic Common Schema JSON),
	 * encoded by the console appender's own encoder: the line a log pipeline would
	 * receive, though the tests' console shows only warnings.
	 */
	@SuppressWarnings("unchecked")
	private String auditLine(String requestId) {
		ILoggingEvent event;
		synchronized (this.events) {
			event = this.events.list.stream()
				.filter((candidate) -> requestId.equals(candidate.getMDCPropertyMap().get(AuditLog.REQUEST_ID)))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no audit event for request " + requestId));
		}
		Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
		Encoder<ILoggingEvent> console = ((OutputStreamAppender<ILoggingEvent>) root.getAppender("CONSOLE"))
			.getEncoder();
		return new String(console.encode(event), StandardCharsets.UTF_8).strip();
	}

}
