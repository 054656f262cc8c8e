package io.presign.uploads;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.presign.support.ApiClient;
import io.presign.support.EmbeddedS3Server;
import io.presign.support.IntegrationTest;
import io.presign.support.ProblemAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Multipart uploads through issued part URLs, over real HTTP against the embedded S3
 * server.
 */
class MultipartUploadTest extends IntegrationTest {

	private static final int MIB = 1024 * 1024;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void twelveMebibytesInThreePartsRoundTrip() throws Exception {
		byte[] file = new byte[12 * MIB];
		ThreadLocalRandom.current().nextBytes(file);
		Map<String, String> alice = ApiClient.apiKey(ALICE_KEY);
		JsonNode started = start(alice, "large", "big/" + UUID.randomUUID() + ".bin", (long) file.length);
		assertThat(started.get("partSize").asLong()).isEqualTo(5 * MIB);
		assertThat(started.get("partCount").asInt()).isEqualTo(3);
		String key = started.get("key").asString();
		String uploadId = started.get("uploadId").asString();

		JsonNode urls = partUrls(alice, "large", key, uploadId, (long) file.length, List.of(1, 2, 3));
		assertThat(urls.get("parts").size()).isEqualTo(3);
		for (JsonNode part : urls.get("parts")) {
			assertThat(part.at("/url/url").asString().toLowerCase()).doesNotContain("x-amz-checksum")
				.doesNotContain("x-amz-sdk-checksum-algorithm");
		}
		assertThat(urls.at("/parts/0/url/headers/Content-Length").asString()).isEqualTo(Long.toString(5 * MIB));
		assertThat(urls.at("/parts/2/url/headers/Content-Length").asString()).isEqualTo(Long.toString(2 * MIB));
		List<Map<String, Object>> etags = new ArrayList<>();
		for (int part = 1; part <= 2; part++) {
			etags.add(Map.of("partNumber", part, "etag", putPart(urls, part, slice(file, part))));
		}

		// The later calls name the upload as every other call names a key: below the
		// caller's prefix (here), or
		// in full (the parts above).
		String relative = key.substring("users/alice/".length());
		JsonNode listed = this.api
			.get("/v1/multipart-uploads/" + uploadId + "/parts?profile=large&key=" + relative, alice)
			.json();
		assertThat(listed.get("parts").size()).isEqualTo(2);
		assertThat(listed.get("parts").get(1).get("size").asLong()).isEqualTo(5 * MIB);
		etags.add(Map.of("partNumber", 3, "etag", putPart(urls, 3, slice(file, 3))));

		ApiClient.Response completed = this.api.postJson("/v1/multipart-uploads/" + uploadId + "/complete",
				Map.of("profile", "large", "key", relative, "parts", etags), alice);
		assertThat(completed.status()).as(completed.text()).isEqualTo(200);
		assertThat(completed.json().get("key").asString()).isEqualTo(key);

		JsonNode download = this.api.postJson("/v1/downloads", Map.of("profile", "large", "fullKey", key), alice)
			.json();
		HttpResponse<byte[]> got = this.http.send(
				HttpRequest.newBuilder(URI.create(download.get("url").asString())).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(got.statusCode()).isEqualTo(200);
		assertThat(got.body()).isEqualTo(file);
	}

	@Test
	void partUrlUsedForAnotherPartNumberIsRefusedByS3() throws Exception {
		Map<String, String> alice = ApiClient.apiKey(ALICE_KEY);
		JsonNode started = start(alice, "large", "tamper/" + UUID.randomUUID() + ".bin", 1024L);
		JsonNode urls = partUrls(alice, "large", started.get("key").asString(), started.get("uploadId").asString(),
				1024L, List.of(1));
		String url = urls.at("/parts/0/url/url").asString();
		assertThat(url).contains("partNumber=1");
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create(url.replace("partNumber=1", "partNumber=2")))
				.PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[1024]))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(403);
	}

	@Test
	void abortLeavesNothing() throws Exception {
		Map<String, String> alice = ApiClient.apiKey(ALICE_KEY);
		JsonNode started = start(alice, "large", "aborted/" + UUID.randomUUID() + ".bin", 1024L);
		String key = started.get("key").asString();
		String uploadId = started.get("uploadId").asString();
		JsonNode urls = partUrls(alice, "large", key, uploadId, 1024L, List.of(1));
		putPart(urls, 1, new byte[1024]);
		ApiClient.Response aborted = this.api.delete(
				"/v1/multipart-uploads/" + uploadId + "?profile=large&key=" + key.substring("users/alice/".length()),
				alice);
		assertThat(aborted.status()).isEqualTo(204);
		// S3 answers NoSuchUpload (404 upload-not-found); the embedded server lists an
		// empty upload instead.
		ApiClient.Response listed = this.api
			.get("/v1/multipart-uploads/" + uploadId + "/parts?profile=large&fullKey=" + key, alice);
		assertThat(listed.status()).isIn(200, 404);
		if (listed.status() == 200) {
			assertThat(listed.json().get("parts").size()).isZero();
		}
		ApiClient.Response completed = this.api.postJson("/v1/multipart-uploads/" + uploadId + "/complete",
				Map.of("profile", "large", "fullKey", key, "parts", List.of(Map.of("partNumber", 1, "etag", "x"))),
				alice);
		assertThat(completed.status()).isIn(400, 404);
		assertThat(EmbeddedS3Server.shared().exists(BUCKET, key)).isFalse();
	}

	@Test
	void anotherCallersUploadIsOutOfReach() {
		Map<String, String> alice = ApiClient.apiKey(ALICE_KEY);
		Map<String, String> bob = ApiClient.apiKey(BOB_KEY);
		JsonNode started = start(alice, "large", "private/" + UUID.randomUUID() + ".bin", 1024L);
		String key = started.get("key").asString();
		String uploadId = started.get("uploadId").asString();
		ProblemAssertions.assertProblem(this.api.postJson("/v1/multipart-uploads/" + uploadId + "/parts",
				Map.of("profile", "large", "fullKey", key, "contentLength", 1024, "partNumbers", List.of(1)), bob), 403,
				"key-outside-prefix", "fullKey");
		ProblemAssertions.assertProblem(
				this.api.get("/v1/multipart-uploads/" + uploadId + "/parts?profile=large&fullKey=" + key, bob), 403,
				"key-outside-prefix", "fullKey");
		ProblemAssertions.assertProblem(
				this.api.postJson("/v1/multipart-uploads/" + uploadId + "/complete",
						Map.of("profile", "large", "fullKey", key, "parts",
								List.of(Map.of("partNumber", 1, "etag", "x"))),
						bob),
				403, "key-outside-prefix", "fullKey");
		// Bob's own key with Alice's upload id: S3 knows no such upload under that key,
		// so nothing completes.
		String bobsKey = "users/bob/" + key.substring("users/alice/".length());
		ApiClient.Response completed = this.api.postJson("/v1/multipart-uploads/" + uploadId + "/complete",
				Map.of("profile", "large", "fullKey", bobsKey, "parts", List.of(Map.of("partNumber", 1, "etag", "x"))),
				bob);
		assertThat(completed.status()).as(completed.text()).isIn(400, 404);
		assertThat(EmbeddedS3Server.shared().exists(BUCKET, bobsKey)).isFalse();
	}

	@Test
	void partUrlsSignTheirPlannedLengthSoALargerBodyIsRefusedByS3() throws Exception {
		Map<String, String> alice = ApiClient.apiKey(ALICE_KEY);
		JsonNode started = start(alice, "small-multipart", "length/" + UUID.randomUUID() + ".bin", 6L * MIB);
		JsonNode urls = partUrls(alice, "small-multipart", started.get("key").asString(),
				started.get("uploadId").asString(), 6L * MIB, List.of(2));
		assertThat(urls.at("/parts/0/url/headers/Content-Length").asString()).isEqualTo(Long.toString(MIB));
		assertThat(putRefusingEarly(URI.create(urls.at("/parts/0/url/url").asString()), new byte[MIB + 1]))
			.isEqualTo(403);
		// Only the parts the declared size is cut into can be presigned.
		ProblemAssertions.assertProblem(
				this.api.postJson("/v1/multipart-uploads/" + started.get("uploadId").asString() + "/parts",
						Map.of("profile", "small-multipart", "fullKey", started.get("key").asString(), "contentLength",
								6L * MIB, "partNumbers", List.of(3)),
						alice),
				400, "part-numbers-invalid", "partNumbers");
	}

	@Test
	void completionUsesOnlyPartsS3ListedWithTheirEtags() throws Exception {
		Map<String, String> alice = ApiClient.apiKey(ALICE_KEY);
		JsonNode started = start(alice, "large", "listed/" + UUID.randomUUID() + ".bin", 1024L);
		String key = started.get("key").asString();
		String uploadId = started.get("uploadId").asString();
		JsonNode urls = partUrls(alice, "large", key, uploadId, 1024L, List.of(1));
		String first = putPart(urls, 1, filled(1024, (byte) 1));
		// The part is replaced (same signed length, other bytes) after the client noted
		// its ETag.
		String replaced = putPart(urls, 1, filled(1024, (byte) 2));
		assertThat(replaced).isNotEqualTo(first);

		ProblemAssertions.assertProblem(
				this.api.postJson("/v1/multipart-uploads/" + uploadId + "/complete",
						Map.of("profile", "large", "fullKey", key, "parts",
								List.of(Map.of("partNumber", 1, "etag", first))),
						alice),
				400, "part-not-uploaded", "parts");
		ProblemAssertions.assertProblem(
				this.api.postJson("/v1/multipart-uploads/" + uploadId + "/complete",
						Map.of("profile", "large", "fullKey", key, "parts",
								List.of(Map.of("partNumber", 2, "etag", replaced))),
						alice),
				400, "part-not-uploaded", "parts");
		assertThat(EmbeddedS3Server.shared().exists(BUCKET, key)).isFalse();

		// Quotes around the ETag are the client's choice.
		ApiClient.Response completed = this.api.postJson("/v1/multipart-uploads/" + uploadId + "/complete",
				Map.of("profile", "large", "fullKey", key, "parts",
						List.of(Map.of("partNumber", 1, "etag", replaced.replace("\"", "")))),
				alice);
		assertThat(completed.status()).as(completed.text()).isEqualTo(200);
		assertThat(EmbeddedS3Server.shared().exists(BUCKET, key)).isTrue();
	}

	@Test
	void partsAddingUpOverTheProfileMaximumAreNotCompleted() throws Exception {
		Map<String, String> alice = ApiClient.apiKey(ALICE_KEY);
		JsonNode started = start(alice, "small-multipart", "over/" + UUID.randomUUID() + ".bin", 6L * MIB);
		String key = started.get("key").asString();
		String uploadId = started.get("uploadId").asString();
		JsonNode urls = partUrls(alice, "small-multipart", key, uploadId, 6L * MIB, List.of(1, 2));
		String part1 = putPart(urls, 1, new byte[5 * MIB]);
		// Part URLs cannot carry more than planned; a part put into S3 by other means (an
		// old URL, a leaked
		// credential) must still not be assembled into an object over the limit.
		String part2 = EmbeddedS3Server.shared().uploadPart(BUCKET, key, uploadId, 2, new byte[2 * MIB]);
		ApiClient.Response refused = this.api.postJson("/v1/multipart-uploads/" + uploadId + "/complete",
				Map.of("profile", "small-multipart", "fullKey", key, "parts",
						List.of(Map.of("partNumber", 1, "etag", part1), Map.of("partNumber", 2, "etag", part2))),
				alice);
		ProblemAssertions.assertProblem(refused, 400, "content-length-too-large", "parts");
		assertThat(EmbeddedS3Server.shared().exists(BUCKET, key)).isFalse();
	}

	@Test
	void multipartCallsCountAgainstTheRateLimit() {
		Map<String, String> alice = ApiClient.apiKey(ALICE_KEY);
		// "limited-multipart" allows 3 calls per minute.
		String key = "users/alice/rate/" + UUID.randomUUID() + ".bin";
		List<Integer> statuses = new ArrayList<>();
		JsonNode started = start(alice, "limited-multipart", key.substring("users/alice/".length()), 1024L);
		String uploadId = started.get("uploadId").asString();
		for (int i = 0; i < 4; i++) {
			statuses.add(this.api
				.get("/v1/multipart-uploads/" + uploadId + "/parts?profile=limited-multipart&fullKey=" + key, alice)
				.status());
		}
		statuses.add(this.api
			.delete("/v1/multipart-uploads/" + uploadId + "?profile=limited-multipart&fullKey=" + key, alice)
			.status());
		assertThat(statuses).containsExactly(200, 200, 429, 429, 429);
	}

	private static byte[] filled(int length, byte value) {
		byte[] bytes = new byte[length];
		Arrays.fill(bytes, value);
		return bytes;
	}

	@Test
	void profilesWithoutMultipartAndBadPartNumbersAreRefused() {
		Map<String, String> alice = ApiClient.apiKey(ALICE_KEY);
		ProblemAssertions.assertProblem(
				this.api.postJson("/v1/multipart-uploads",
						Map.of("profile", "files", "key", "x.bin", "contentType", "application/octet-stream"), alice),
				403, "multipart-not-allowed", "profile");
		JsonNode started = start(alice, "large", "numbers/" + UUID.randomUUID() + ".bin", 12L * MIB);
		for (List<Integer> numbers : List.of(List.<Integer>of(), List.of(0), List.of(4), List.of(10_001),
				List.of(1, 1))) {
			ProblemAssertions.assertProblem(
					this.api.postJson("/v1/multipart-uploads/x/parts",
							Map.of("profile", "large", "fullKey", started.get("key").asString(), "contentLength",
									12L * MIB, "partNumbers", numbers),
							alice),
					400, "part-numbers-invalid", "partNumbers");
		}
		ProblemAssertions.assertProblem(this.api.postJson("/v1/multipart-uploads/x/parts",
				Map.of("profile", "large", "fullKey", started.get("key").asString(), "partNumbers", List.of(1)), alice),
				400, "content-length-invalid", "contentLength");
		ProblemAssertions.assertProblem(
				this.api.postJson("/v1/multipart-uploads",
						Map.of("profile", "large", "key", "x.bin", "contentType", "application/octet-stream"), alice),
				400, "content-length-invalid", "contentLength");
		ProblemAssertions
			.assertProblem(
					this.api.postJson("/v1/multipart-uploads",
							Map.of("profile", "large", "key", "x.bin", "contentType", "application/octet-stream",
									"contentLength", 65L * MIB),
							alice),
					400, "content-length-too-large", "contentLength");
	}

	/**
	 * The embedded server may answer a refused PUT before it has read the body and close
	 * the connection while the client is still sending, which the JDK client reports as a
	 * broken exchange: such an attempt proves nothing either way and is repeated.
	 */
	private int putRefusingEarly(URI url, byte[] body) throws Exception {
		for (int attempt = 0; attempt < 5; attempt++) {
			try {
				return this.http
					.send(HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
							HttpResponse.BodyHandlers.ofString())
					.statusCode();
			}
			catch (IOException ex) {
				// the answer was lost with the connection; try again
			}
		}
		throw new AssertionError("no answer to the PUT in five attempts");
	}

	private JsonNode start(Map<String, String> caller, String profile, String key, long contentLength) {
		Map<String, Object> body = new java.util.HashMap<>(
				Map.of("profile", profile, "key", key, "contentType", "application/octet-stream"));
		body.put("contentLength", contentLength);
		ApiClient.Response response = this.api.postJson("/v1/multipart-uploads", body, caller);
		assertThat(response.status()).as(response.text()).isEqualTo(200);
		return response.json();
	}

	/**
	 * @param fullKey the upload's full key, as the start answered it
	 */
	private JsonNode partUrls(Map<String, String> caller, String profile, String fullKey, String uploadId,
			long contentLength, List<Integer> parts) {
		ApiClient.Response response = this.api.postJson("/v1/multipart-uploads/" + uploadId + "/parts",
				Map.of("profile", profile, "fullKey", fullKey, "contentLength", contentLength, "partNumbers", parts),
				caller);
		assertThat(response.status()).as(response.text()).isEqualTo(200);
		return response.json();
	}

	private String putPart(JsonNode urls, int part, byte[] bytes) throws Exception {
		JsonNode url = urls.get("parts").get(part - 1);
		assertThat(url.get("partNumber").asInt()).isEqualTo(part);
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(url.at("/url/url").asString()))
			.PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.headers().firstValue("ETag").orElseThrow();
	}

	private static byte[] slice(byte[] file, int part) {
		int from = (part - 1) * 5 * MIB;
		return Arrays.copyOfRange(file, from, Math.min(file.length, from + 5 * MIB));
	}

}
