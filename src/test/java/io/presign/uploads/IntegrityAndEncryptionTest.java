package io.presign.uploads;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import io.presign.support.ApiClient;
import io.presign.support.IntegrationTest;
import io.presign.support.ProblemAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Digests the client supplies are signed in, so S3 refuses another body; encryption a
 * profile requires is signed in, so a client cannot drop it; and no checksum is added
 * that the client did not ask for.
 */
class IntegrityAndEncryptionTest extends IntegrationTest {

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void signedContentMd5MakesS3RefuseAnotherBody() throws Exception {
		byte[] body = "the real body".getBytes();
		String md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(body));
		JsonNode upload = upload(Map.of("contentMd5", md5), body.length);
		assertThat(upload.get("headers").get("Content-Md5").asString()).isEqualTo(md5);
		assertThat(upload.get("url").asString()).contains("content-md5");
		HttpResponse<String> wrong = put(upload, "the fake body".getBytes());
		assertThat(wrong.statusCode()).isEqualTo(400);
		assertThat(wrong.body()).contains("BadDigest");
		assertThat(put(upload, body).statusCode()).isEqualTo(200);
	}

	@Test
	void signedSha256MakesS3RefuseAnotherBody() throws Exception {
		byte[] body = "sha body".getBytes();
		String sha = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
		JsonNode upload = upload(Map.of("checksumSha256", sha), body.length);
		assertThat(upload.get("headers").get("X-Amz-Checksum-Sha256").asString()).isEqualTo(sha);
		assertThat(put(upload, "sha bodX".getBytes()).statusCode()).isEqualTo(400);
		assertThat(put(upload, body).statusCode()).isEqualTo(200);
	}

	@Test
	void noChecksumUnlessAskedFor() {
		JsonNode upload = upload(Map.of(), 3);
		assertThat(upload.get("url").asString().toLowerCase()).doesNotContain("x-amz-checksum")
			.doesNotContain("x-amz-sdk-checksum-algorithm")
			.doesNotContain("content-md5");
		assertThat(upload.get("headers").propertyNames()).containsExactlyInAnyOrder("Content-Type", "Content-Length");
	}

	@Test
	void malformedDigestsAreRefused() {
		for (Map.Entry<String, String> bad : Map.of("contentMd5", "not base64!", "checksumSha256", "AAAA").entrySet()) {
			Map<String, Object> body = new java.util.HashMap<>(
					Map.of("profile", "files", "key", "d.txt", "contentType", "text/plain", "contentLength", 3));
			body.put(bad.getKey(), bad.getValue());
			ProblemAssertions.assertProblem(this.api.postJson("/v1/uploads", body, ApiClient.apiKey(ALICE_KEY)), 400,
					"checksum-invalid", bad.getKey());
		}
	}

	@Test
	void requiredEncryptionIsSignedIntoUrlsAndForms() throws Exception {
		Map<String, String> alice = ApiClient.apiKey(ALICE_KEY);
		JsonNode upload = this.api
			.postJson("/v1/uploads", Map.of("profile", "encrypted", "key", UUID.randomUUID() + ".txt", "contentType",
					"text/plain", "contentLength", 3), alice)
			.json();
		assertThat(upload.get("headers").get("X-Amz-Server-Side-Encryption").asString()).isEqualTo("AES256");
		assertThat(upload.get("url").asString()).contains("x-amz-server-side-encryption");
		HttpRequest.Builder without = HttpRequest.newBuilder(URI.create(upload.get("url").asString()))
			.header("Content-Type", "text/plain")
			.PUT(HttpRequest.BodyPublishers.ofString("abc"));
		assertThat(this.http.send(without.build(), HttpResponse.BodyHandlers.ofString()).statusCode())
			.as("dropping the signed encryption header breaks the signature")
			.isEqualTo(403);
		JsonNode form = this.api
			.postJson("/v1/form-uploads", Map.of("profile", "encrypted", "key", "f.txt", "contentType", "text/plain"),
					alice)
			.json();
		assertThat(form.at("/fields/x-amz-server-side-encryption").asString()).isEqualTo("AES256");
		assertThat(new String(Base64.getDecoder().decode(form.at("/fields/Policy").asString())))
			.contains("{\"x-amz-server-side-encryption\":\"AES256\"}");
	}

	private JsonNode upload(Map<String, Object> digests, int length) {
		Map<String, Object> body = new java.util.HashMap<>(Map.of("profile", "files", "key",
				"integrity/" + UUID.randomUUID() + ".txt", "contentType", "text/plain", "contentLength", length));
		body.putAll(digests);
		ApiClient.Response response = this.api.postJson("/v1/uploads", body, ApiClient.apiKey(ALICE_KEY));
		assertThat(response.status()).as(response.text()).isEqualTo(200);
		return response.json();
	}

	private HttpResponse<String> put(JsonNode upload, byte[] body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upload.get("url").asString()))
			.PUT(HttpRequest.BodyPublishers.ofByteArray(body));
		upload.get("headers").properties().forEach((header) -> {
			if (!header.getKey().equals("Content-Length")) {
				request.header(header.getKey(), header.getValue().asString());
			}
		});
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
