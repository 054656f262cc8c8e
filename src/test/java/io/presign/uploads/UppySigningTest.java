package io.presign.uploads;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.presign.support.ApiClient;
import io.presign.support.EmbeddedS3Server;
import io.presign.support.FormPost;
import io.presign.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.presign.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uppy 6's signRequest protocol, driven here over HTTP exactly as {@code @uppy/aws-s3}
 * 6.3.1 drives it (which the browser tests then confirm with the real Uppy): each answer
 * of {@code /v1/uppy/sign} is used as Uppy uses it, against the embedded S3 server, which
 * checks every signature.
 */
class UppySigningTest extends IntegrationTest {

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private static final Map<String, String> ALICE = ApiClient.apiKey(ALICE_KEY);

	private static final Map<String, String> BOB = ApiClient.apiKey(BOB_KEY);

	@Test
	void putObjectIsAFormPolicyUnderAGeneratedKeyThatS3Enforces() throws Exception {
		JsonNode signed = sign(ALICE, Map.of("profile", "files", "method", "PUT", "key", "0b1e-holiday photo.png",
				"contentType", "image/png"));
		String key = signed.get("key").asString();
		assertThat(key).matches("users/alice/[0-9a-f-]{36}\\.png");
		assertThat(signed.get("fields").get("key").asString()).isEqualTo(key);
		assertThat(signed.get("fields").get("Content-Type").asString()).isEqualTo("image/png");
		assertThat(signed.toString().toLowerCase()).doesNotContain("checksum");
		byte[] file = bytes(200 * 1024);
		HttpResponse<String> stored = FormPost.post(signed, FormPost.fields(signed), file);
		assertThat(stored.statusCode()).as(stored.body()).isIn(200, 204);
		assertThat(download(key)).isEqualTo(file);

		// The files profile allows 1 MB: S3 refuses more, from the policy alone.
		JsonNode again = sign(ALICE,
				Map.of("profile", "files", "method", "PUT", "key", "big.png", "contentType", "image/png"));
		HttpResponse<String> refused = FormPost.post(again, FormPost.fields(again), bytes(1024 * 1024 + 1));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("EntityTooLarge");
		assertThat(EmbeddedS3Server.shared().exists(BUCKET, again.get("key").asString())).isFalse();

		assertProblem(this.api.postJson("/v1/uppy/sign",
				Map.of("profile", "files", "method", "PUT", "key", "a.pdf", "contentType", "application/pdf"), ALICE),
				400, "content-type-not-allowed", "contentType");
	}

	@Test
	void aMultipartUploadGoesThroughEveryStepAndEndsByteIdentical() throws Exception {
		byte[] file = bytes(12 * 1024 * 1024);
		String[] started = start("large", "video.bin", "application/octet-stream");
		String key = started[0];
		String uploadId = started[1];
		assertThat(key).startsWith("users/alice/").endsWith(".bin");

		int partSize = 5 * 1024 * 1024;
		for (int part = 1; part <= 3; part++) {
			JsonNode signed = sign(ALICE,
					Map.of("profile", "large", "method", "PUT", "key", key, "uploadId", uploadId, "partNumber", part));
			assertThat(signed.get("url").asString()).contains("partNumber=" + part).doesNotContain("checksum");
			byte[] body = Arrays.copyOfRange(file, (part - 1) * partSize, Math.min(file.length, part * partSize));
			HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(signed.get("url").asString()))
				.PUT(HttpRequest.BodyPublishers.ofByteArray(body))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
			assertThat(put.headers().firstValue("ETag")).isPresent();
		}

		JsonNode list = sign(ALICE, Map.of("profile", "large", "method", "GET", "key", key, "uploadId", uploadId));
		HttpResponse<String> listed = HTTP.send(HttpRequest.newBuilder(URI.create(list.get("url").asString())).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
		assertThat(count(listed.body(), "<PartNumber>")).isEqualTo(3);

		JsonNode complete = sign(ALICE, Map.of("profile", "large", "method", "POST", "key", key, "uploadId", uploadId));
		HttpResponse<String> completed = postXml(complete.get("url").asString(),
				"<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>x</ETag></Part></CompleteMultipartUpload>");
		assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
		assertThat(completed.headers().firstValue("Content-Type").orElse("")).startsWith("application/xml");
		assertThat(xml(completed.body(), "Key")).isEqualTo(key);
		assertThat(xml(completed.body(), "Location")).isNotBlank();
		assertThat(download(key)).isEqualTo(file);
		// Tickets are bound to their step: the completion ticket cannot start an upload.
		assertProblem(this.api
			.send(HttpRequest.newBuilder(serviceUri(complete.get("url").asString().replace("/complete", "")))
				.header("Content-Type", "text/plain")
				.POST(HttpRequest.BodyPublishers.noBody())
				.build()), 403, "ticket-invalid", "ticket");
		// Redeemed again (Uppy retries with the same URL), it answers the first
		// completion, and asks S3 nothing.
		ApiClient.Response again = this.api.send(HttpRequest.newBuilder(serviceUri(complete.get("url").asString()))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build());
		assertThat(again.status()).as(again.text()).isEqualTo(200);
		assertThat(again.text()).isEqualTo(completed.body());
	}

	@Test
	void aStartTicketRedeemedAgainAnswersTheSameUploadAndStartsNoOther() throws Exception {
		JsonNode create = sign(ALICE, Map.of("profile", "large", "method", "POST", "key", "clip.bin"));
		String key = create.get("key").asString();
		List<String> answers = new java.util.ArrayList<>();
		for (int redemption = 0; redemption < 3; redemption++) {
			ApiClient.Response started = this.api.send(HttpRequest.newBuilder(serviceUri(create.get("url").asString()))
				.header("Content-Type", "application/octet-stream")
				.POST(HttpRequest.BodyPublishers.noBody())
				.build());
			assertThat(started.status()).as(started.text()).isEqualTo(200);
			answers.add(started.text());
		}
		assertThat(answers).as("the same UploadId each time").containsOnly(answers.get(0));
		assertThat(EmbeddedS3Server.shared().uploadsInProgress(BUCKET, key)).as("S3 holds one upload of the key")
			.containsExactly(key);
	}

	@Test
	void aMultipartUploadOverTheProfilesMaximumIsAbortedAtCompletion() throws Exception {
		// small-multipart allows 6 MB; parts signed without a length let 10 MB reach S3.
		String[] started = start("small-multipart", "big.bin", "application/octet-stream");
		String key = started[0];
		String uploadId = started[1];
		for (int part = 1; part <= 2; part++) {
			JsonNode signed = sign(ALICE, Map.of("profile", "small-multipart", "method", "PUT", "key", key, "uploadId",
					uploadId, "partNumber", part));
			HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(signed.get("url").asString()))
				.PUT(HttpRequest.BodyPublishers.ofByteArray(bytes(5 * 1024 * 1024)))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(put.statusCode()).isEqualTo(200);
		}
		JsonNode complete = sign(ALICE,
				Map.of("profile", "small-multipart", "method", "POST", "key", key, "uploadId", uploadId));
		ApiClient.Response refused = this.api.send(HttpRequest.newBuilder(serviceUri(complete.get("url").asString()))
			.header("Content-Type", "application/xml")
			.POST(HttpRequest.BodyPublishers.ofString("<CompleteMultipartUpload/>"))
			.build());
		assertProblem(refused, 400, "content-length-too-large", "parts");
		assertThat(refused.header("x-amz-error-code")).as("Uppy shows this code").isEqualTo("content-length-too-large");
		assertThat(refused.json().get("maxContentLength").asLong()).isEqualTo(6L * 1024 * 1024);
		assertThat(EmbeddedS3Server.shared().exists(BUCKET, key)).isFalse();
		assertThat(EmbeddedS3Server.shared().uploadsInProgress(BUCKET, key)).as("aborted").isEmpty();
		// A file within 6 MB needs at most two parts of 5 MB: no third part piles up in
		// S3 before completion.
		assertProblem(this.api.postJson("/v1/uppy/sign", Map.of("profile", "small-multipart", "method", "PUT", "key",
				key, "uploadId", uploadId, "partNumber", 3), ALICE), 400, "part-numbers-invalid", "partNumber");
	}

	@Test
	void anotherCallerCannotSignForTheUploadAndAbortWorksForItsOwner() throws Exception {
		String[] started = start("large", "mine.bin", "application/octet-stream");
		String key = started[0];
		String uploadId = started[1];
		for (String method : List.of("PUT", "GET", "POST", "DELETE")) {
			Map<String, Object> request = new HashMap<>(
					Map.of("profile", "large", "method", method, "key", key, "uploadId", uploadId, "partNumber", 1));
			assertProblem(this.api.postJson("/v1/uppy/sign", request, BOB), 403, "key-outside-prefix", "key");
		}
		JsonNode abort = sign(ALICE, Map.of("profile", "large", "method", "DELETE", "key", key, "uploadId", uploadId));
		HttpResponse<String> aborted = HTTP.send(
				HttpRequest.newBuilder(URI.create(abort.get("url").asString())).DELETE().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(aborted.statusCode()).isEqualTo(204);
	}

	@Test
	void startingChecksTheContentTypeAndAnAlteredTicketIsRefused() throws Exception {
		JsonNode create = sign(ALICE, Map.of("profile", "large", "method", "POST", "key", "doc.pdf"));
		String url = create.get("url").asString();
		assertThat(URI.create(url).getPort()).as(url).isEqualTo(this.api.port());
		assertThat(URI.create(url).getPath()).isEqualTo("/v1/uppy/uploads");
		assertProblem(this.api.send(HttpRequest.newBuilder(serviceUri(url))
			.header("Content-Type", "application/pdf")
			.POST(HttpRequest.BodyPublishers.noBody())
			.build()), 400, "content-type-not-allowed", "contentType");
		String ticket = url.substring(url.indexOf("ticket=") + "ticket=".length());
		String[] parts = ticket.split("\\.");
		parts[3] = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("users/bob/x.bin".getBytes());
		assertProblem(this.api.send(HttpRequest.newBuilder(serviceUri(url.replace(ticket, String.join(".", parts))))
			.header("Content-Type", "application/octet-stream")
			.POST(HttpRequest.BodyPublishers.noBody())
			.build()), 403, "ticket-invalid", "ticket");
	}

	/**
	 * @return the key and the upload id
	 */
	private String[] start(String profile, String fileName, String contentType) throws Exception {
		JsonNode create = sign(ALICE, Map.of("profile", profile, "method", "POST", "key", "1f2e-" + fileName));
		assertThat(create.get("method").asString()).isEqualTo("POST");
		String key = create.get("key").asString();
		ApiClient.Response started = this.api.send(HttpRequest.newBuilder(serviceUri(create.get("url").asString()))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build());
		assertThat(started.status()).as(started.text()).isEqualTo(200);
		assertThat(xml(started.text(), "Key")).isEqualTo(key);
		return new String[] { key, xml(started.text(), "UploadId") };
	}

	private JsonNode sign(Map<String, String> auth, Map<String, Object> request) {
		ApiClient.Response response = this.api.postJson("/v1/uppy/sign", request, auth);
		assertThat(response.status()).as(response.text()).isEqualTo(200);
		return response.json();
	}

	private byte[] download(String key) throws Exception {
		ApiClient.Response issued = this.api.postJson("/v1/downloads", Map.of("profile", "large", "fullKey", key),
				ALICE);
		assertThat(issued.status()).as(issued.text()).isEqualTo(200);
		return HTTP
			.send(HttpRequest.newBuilder(URI.create(issued.json().get("url").asString())).build(),
					HttpResponse.BodyHandlers.ofByteArray())
			.body();
	}

	private static HttpResponse<String> postXml(String url, String body) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/xml")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static URI serviceUri(String url) {
		return URI.create(url);
	}

	private static String xml(String document, String element) {
		Matcher matcher = Pattern.compile("<" + element + ">([^<]*)</" + element + ">").matcher(document);
		assertThat(matcher.find()).as(document).isTrue();
		return matcher.group(1).replace("&quot;", "\"");
	}

	private static int count(String text, String needle) {
		List<Integer> at = new ArrayList<>();
		for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
			at.add(i);
		}
		return at.size();
	}

	private static byte[] bytes(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return bytes;
	}

}
