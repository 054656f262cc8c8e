package io.presign.roundtrip;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.presign.support.ApiClient;
import io.presign.support.EmbeddedS3Server;
import io.presign.support.IntegrationTest;
import io.presign.support.ProblemAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A profile with {@code require-existing} asks the embedded S3 server before issuing a
 * download: a stored object gets a working URL and its size, type and date; a missing one
 * gets 404 {@code object-not-found} rather than a URL that would fail, also per item in a
 * batch.
 */
class RequireExistingTest extends IntegrationTest {

	@Test
	void storedObjectGetsAWorkingUrlAndItsFacts() throws Exception {
		byte[] content = "kept in the archive\n".getBytes(StandardCharsets.UTF_8);
		EmbeddedS3Server.shared().put(BUCKET, "users/alice/archive/kept.txt", content, "text/plain");

		ApiClient.Response response = this.api.postJson("/v1/downloads",
				Map.of("profile", "archive", "key", "archive/kept.txt"), ApiClient.apiKey(ALICE_KEY));

		assertThat(response.status()).as(response.text()).isEqualTo(200);
		JsonNode body = response.json();
		assertThat(body.get("contentLength").asLong()).isEqualTo(content.length);
		assertThat(body.get("contentType").asString()).startsWith("text/plain");
		assertThat(Instant.parse(body.get("lastModified").asString())).isBefore(Instant.now().plusSeconds(5));
		HttpResponse<byte[]> get = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(body.get("url").asString())).GET().build(),
					HttpResponse.BodyHandlers.ofByteArray());
		assertThat(get.statusCode()).isEqualTo(200);
		assertThat(get.body()).isEqualTo(content);
	}

	@Test
	void missingObjectIs404ObjectNotFound() {
		ApiClient.Response single = this.api.postJson("/v1/downloads",
				Map.of("profile", "archive", "key", "archive/never-stored.txt"), ApiClient.apiKey(ALICE_KEY));
		ProblemAssertions.assertProblem(single, 404, "object-not-found", "key");
		assertThat(single.json().get("detail").asString()).contains("users/alice/archive/never-stored.txt");

		ApiClient.Response full = this.api.postJson("/v1/downloads",
				Map.of("profile", "archive", "fullKey", "users/alice/archive/never-stored.txt"),
				ApiClient.apiKey(ALICE_KEY));
		ProblemAssertions.assertProblem(full, 404, "object-not-found", "fullKey");
	}

	@Test
	void otherCallersObjectsAreStillRefusedBeforeS3IsAsked() {
		EmbeddedS3Server.shared().put(BUCKET, "users/bob/archive/bobs.txt", new byte[] { 1 }, "text/plain");
		ProblemAssertions.assertProblem(this.api.postJson("/v1/downloads",
				Map.of("profile", "archive", "fullKey", "users/bob/archive/bobs.txt"), ApiClient.apiKey(ALICE_KEY)),
				403, "key-outside-prefix", "fullKey");
	}

	@Test
	void batchAnswersMissingObjectsPerItem() {
		EmbeddedS3Server.shared().put(BUCKET, "users/alice/archive/b1.txt", new byte[] { 1, 2, 3 }, "text/plain");
		EmbeddedS3Server.shared().put(BUCKET, "users/alice/archive/b3.txt", new byte[] { 4 }, "text/plain");

		ApiClient.Response response = this.api.postJson("/v1/downloads/batch",
				Map.of("profile", "archive", "keys",
						List.of("archive/b1.txt", "archive/b2.txt", "../bad", "archive/b3.txt")),
				ApiClient.apiKey(ALICE_KEY));

		assertThat(response.status()).as(response.text()).isEqualTo(200);
		List<JsonNode> items = response.json().get("items").valueStream().toList();
		assertThat(items).hasSize(4);
		assertThat(items.get(0).at("/download/contentLength").asLong()).isEqualTo(3);
		assertThat(items.get(1).at("/error/code").asString()).isEqualTo("object-not-found");
		assertThat(items.get(1).has("download")).isFalse();
		assertThat(items.get(2).at("/error/code").asString()).isEqualTo("key-invalid");
		assertThat(items.get(3).at("/download/contentLength").asLong()).isEqualTo(1);
		assertThat(items.get(3).at("/download/key").asString()).isEqualTo("users/alice/archive/b3.txt");
	}

	@Test
	void profilesWithoutTheOptionDoNotAskS3() {
		ApiClient.Response response = this.api.postJson("/v1/downloads",
				Map.of("profile", "files", "key", "archive/never-stored.txt"), ApiClient.apiKey(ALICE_KEY));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().has("contentLength")).isFalse();
	}

}
