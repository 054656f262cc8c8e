package io.presign.roundtrip;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.presign.support.ApiClient;
import io.presign.support.FormPost;
import io.presign.support.MutableClock;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uses issued URLs over real HTTP against a real S3-compatible server: what was signed
 * works, and any deviation from it is refused by the server, not by the service.
 */
public interface RoundTripContract {

	/** The principal of {@link #apiKey()}; its keys live under {@code users/alice/}. */
	String PRINCIPAL = "alice";

	/**
	 * Talks to the S3 server directly, as a browser or backend would with an issued URL.
	 */
	HttpClient S3_HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	/**
	 * @return a client of the running service
	 */
	ApiClient api();

	/**
	 * @return an API key holding scope {@code files}, principal {@value #PRINCIPAL}
	 */
	String apiKey();

	/**
	 * @return the running service's clock, which a test may move
	 */
	MutableClock clock();

	@Test
	default void uploadThenDownloadReturnsTheSameBytes() throws Exception {
		byte[] content = new byte[64 * 1024];
		ThreadLocalRandom.current().nextBytes(content);
		String key = "round-trip/" + UUID.randomUUID() + ".bin";
		JsonNode upload = issueUpload(key, "application/octet-stream", content.length);

		assertThat(upload.get("method").asString()).isEqualTo("PUT");
		assertThat(upload.get("key").asString()).isEqualTo("users/" + PRINCIPAL + "/" + key);
		assertThat(upload.get("headers").propertyNames()).containsExactlyInAnyOrder("Content-Type", "Content-Length");
		assertThat(put(upload, "application/octet-stream", content).statusCode()).isEqualTo(200);

		JsonNode download = issue("/v1/downloads", Map.of("profile", "files", "key", key));
		assertThat(download.get("method").asString()).isEqualTo("GET");
		assertThat(download.get("headers").size()).isZero();
		HttpResponse<byte[]> got = send(HttpRequest.newBuilder(URI.create(download.get("url").asString())).GET());
		assertThat(got.statusCode()).isEqualTo(200);
		assertThat(got.body()).isEqualTo(content);
	}

	@Test
	default void downloadCarriesTheSignedContentDisposition() throws Exception {
		String key = "round-trip/" + UUID.randomUUID() + ".txt";
		byte[] content = "report".getBytes();
		assertThat(put(issueUpload(key, "text/plain", content.length), "text/plain", content).statusCode())
			.isEqualTo(200);
		JsonNode download = issue("/v1/downloads",
				Map.of("profile", "files", "key", key, "filename", "Grüße.txt", "disposition", "attachment"));
		HttpResponse<byte[]> got = send(HttpRequest.newBuilder(URI.create(download.get("url").asString())).GET());
		assertThat(got.statusCode()).isEqualTo(200);
		assertThat(got.headers().firstValue("Content-Disposition"))
			.hasValue("attachment; filename=\"Gr__e.txt\"; filename*=UTF-8''Gr%C3%BC%C3%9Fe.txt");
	}

	@Test
	default void tamperedSignatureIsRefusedByS3() throws Exception {
		String key = "round-trip/" + UUID.randomUUID() + ".txt";
		JsonNode upload = issueUpload(key, "text/plain", 5);
		String url = upload.get("url").asString();
		String signature = url.substring(url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length());
		String tampered = url.replace(signature, flipFirstHexDigit(signature));
		assertThat(putTo(tampered, "text/plain", "hello".getBytes()).statusCode()).isEqualTo(403);
		assertThat(put(upload, "text/plain", "hello".getBytes()).statusCode()).isEqualTo(200);
	}

	@Test
	default void urlUsedForAnotherKeyIsRefusedByS3() throws Exception {
		String key = "round-trip/" + UUID.randomUUID() + ".txt";
		JsonNode upload = issueUpload(key, "text/plain", 5);
		String other = upload.get("url").asString().replace(key, key.replace(".txt", "-other.txt"));
		assertThat(putTo(other, "text/plain", "hello".getBytes()).statusCode()).isEqualTo(403);
	}

	@Test
	default void differentContentTypeIsRefusedByS3() throws Exception {
		JsonNode upload = issueUpload("round-trip/" + UUID.randomUUID() + ".txt", "text/plain", 5);
		assertThat(put(upload, "image/png", "hello".getBytes()).statusCode()).isEqualTo(403);
	}

	@Test
	default void differentContentLengthIsRefusedByS3() throws Exception {
		JsonNode upload = issueUpload("round-trip/" + UUID.randomUUID() + ".txt", "text/plain", 5);
		assertThat(put(upload, "text/plain", "hello!".getBytes()).statusCode()).isEqualTo(403);
	}

	/**
	 * A URL signed ten seconds ago with a lifetime of one second: expired when used,
	 * without waiting for it to.
	 */
	@Test
	default void expiredUrlIsRefusedByS3() throws Exception {
		String key = "round-trip/" + UUID.randomUUID() + ".txt";
		Duration ago = Duration.ofSeconds(10);
		JsonNode upload;
		clock().rewind(ago);
		try {
			upload = issue("/v1/uploads", Map.of("profile", "files", "key", key, "contentType", "text/plain",
					"contentLength", 5, "expiresInSeconds", 1));
		}
		finally {
			clock().advance(ago);
		}
		assertThat(upload.get("expiresInSeconds").asLong()).isEqualTo(1);
		assertThat(upload.get("url").asString()).contains("X-Amz-Expires=1&");
		assertThat(Instant.parse(upload.get("expiresAt").asString())).isBefore(Instant.now());
		assertThat(put(upload, "text/plain", "hello".getBytes()).statusCode()).isEqualTo(403);
	}

	@Test
	default void formUploadStoresTheFileAndTheSizeRangeIsEnforced() throws Exception {
		String key = "round-trip/" + UUID.randomUUID() + ".txt";
		ApiClient.Response issued = api().postJson("/v1/form-uploads",
				Map.of("profile", "files", "key", key, "contentType", "text/plain", "maxContentLength", 10),
				ApiClient.apiKey(apiKey()));
		assertThat(issued.status()).as(issued.text()).isEqualTo(200);
		JsonNode form = issued.json();
		HttpResponse<String> tooLarge = FormPost.post(form, FormPost.fields(form), "more than ten bytes".getBytes());
		assertThat(tooLarge.statusCode()).isEqualTo(400);
		assertThat(tooLarge.body()).contains("EntityTooLarge");
		assertThat(FormPost.post(form, FormPost.fields(form), "ten bytes!".getBytes()).statusCode()).isIn(200, 204);
		JsonNode download = issue("/v1/downloads", Map.of("profile", "files", "key", key));
		HttpResponse<byte[]> got = send(HttpRequest.newBuilder(URI.create(download.get("url").asString())).GET());
		assertThat(new String(got.body())).isEqualTo("ten bytes!");
	}

	@Test
	default void issuedUrlsCarryNoChecksumTheClientDidNotAskFor() {
		JsonNode upload = issueUpload("round-trip/" + UUID.randomUUID() + ".txt", "text/plain", 5);
		assertThat(upload.get("url").asString().toLowerCase()).doesNotContain("x-amz-checksum-")
			.doesNotContain("x-amz-sdk-checksum-algorithm");
		assertThat(upload.get("headers").propertyNames()).noneMatch((name) -> name.toLowerCase().contains("checksum"));
	}

	private JsonNode issueUpload(String key, String contentType, long contentLength) {
		return issue("/v1/uploads",
				Map.of("profile", "files", "key", key, "contentType", contentType, "contentLength", contentLength));
	}

	private JsonNode issue(String path, Map<String, Object> body) {
		ApiClient.Response response = api().postJson(path, body, ApiClient.apiKey(apiKey()));
		assertThat(response.status()).as(response.text()).isEqualTo(200);
		return response.json();
	}

	private HttpResponse<byte[]> put(JsonNode upload, String contentType, byte[] body) throws Exception {
		return putTo(upload.get("url").asString(), contentType, body);
	}

	private HttpResponse<byte[]> putTo(String url, String contentType, byte[] body) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", contentType)
			.PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
	}

	private HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
		return S3_HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static String flipFirstHexDigit(String hex) {
		char first = hex.charAt(0);
		return ((first == '0') ? '1' : '0') + hex.substring(1);
	}

}
