package io.presign.uploads;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import io.presign.support.ApiClient;
import io.presign.support.EmbeddedS3Server;
import io.presign.support.FormPost;
import io.presign.support.IntegrationTest;
import io.presign.support.ProblemAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Browser form uploads: a multipart/form-data POST of the returned fields stores the
 * file; S3 enforces the signed policy; and the policy document says exactly what it
 * should.
 */
class FormUploadTest extends IntegrationTest {

	@Test
	void postingTheFieldsStoresTheFile() throws Exception {
		String name = "form/" + UUID.randomUUID() + ".txt";
		JsonNode form = issue(Map.of("profile", "files", "key", name, "contentType", "text/plain"));
		assertThat(form.get("method").asString()).isEqualTo("POST");
		assertThat(form.get("url").asString()).endsWith("/" + BUCKET + "/");
		HttpResponse<String> response = post(form, fields(form), "hello form".getBytes());
		assertThat(response.statusCode()).as(response.body()).isIn(200, 204);
		assertThat(EmbeddedS3Server.shared().exists(BUCKET, "users/alice/" + name)).isTrue();
		assertThat(form.toString().toLowerCase()).doesNotContain("x-amz-checksum");
	}

	@Test
	void aTamperedFieldIsRefusedByS3() throws Exception {
		String name = "form/" + UUID.randomUUID() + ".txt";
		JsonNode form = issue(Map.of("profile", "files", "key", name, "contentType", "text/plain"));
		Map<String, String> fields = fields(form);
		fields.put("key", "users/bob/" + name);
		assertThat(post(form, fields, "hello".getBytes()).statusCode()).isEqualTo(403);
		assertThat(EmbeddedS3Server.shared().exists(BUCKET, "users/bob/" + name)).isFalse();
	}

	@Test
	void aFileOverTheSignedRangeIsRefusedByS3() throws Exception {
		JsonNode form = issue(Map.of("profile", "files", "key", "form/" + UUID.randomUUID() + ".txt", "contentType",
				"text/plain", "maxContentLength", 10));
		HttpResponse<String> response = post(form, fields(form), "more than ten bytes".getBytes());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("EntityTooLarge");
	}

	@Test
	void policyDocumentCarriesExactlyTheConditions() {
		String name = "form/" + UUID.randomUUID() + ".txt";
		JsonNode form = issue(
				Map.of("profile", "files", "key", name, "contentType", "text/plain", "expiresInSeconds", 120));
		JsonNode policy = JsonMapper.builder()
			.build()
			.readTree(Base64.getDecoder().decode(form.at("/fields/Policy").asString()));
		assertThat(Instant.parse(policy.get("expiration").asString()))
			.isEqualTo(Instant.parse(form.get("expiresAt").asString()));
		assertThat(form.get("expiresInSeconds").asLong()).isEqualTo(120);
		String conditions = policy.get("conditions").toString();
		assertThat(conditions).contains("{\"bucket\":\"" + BUCKET + "\"}")
			.contains("{\"key\":\"users/alice/" + name + "\"}")
			.contains("{\"Content-Type\":\"text/plain\"}")
			.contains("[\"content-length-range\",1,1048576]")
			.contains("{\"x-amz-algorithm\":\"AWS4-HMAC-SHA256\"}")
			.contains("{\"x-amz-credential\":\"" + form.at("/fields/x-amz-credential").asString() + "\"}")
			.contains("{\"x-amz-date\":\"" + form.at("/fields/x-amz-date").asString() + "\"}");
		assertThat(form.at("/fields/x-amz-credential").asString()).endsWith("/us-east-1/s3/aws4_request");
		assertThat(policy.get("conditions").size()).isEqualTo(7);
	}

	@Test
	void keyPrefixAndAContentTypeFamilyBecomeStartsWithConditions() throws Exception {
		JsonNode form = issue(Map.of("profile", "files", "keyPrefix", "gallery/", "contentType", "image/*"));
		String conditions = new String(Base64.getDecoder().decode(form.at("/fields/Policy").asString()),
				StandardCharsets.UTF_8);
		assertThat(conditions).contains("[\"starts-with\",\"$key\",\"users/alice/gallery/\"]")
			.contains("[\"starts-with\",\"$Content-Type\",\"image/\"]");
		assertThat(form.at("/fields/key").asString()).isEqualTo("users/alice/gallery/${filename}");
		Map<String, String> fields = fields(form);
		fields.put("Content-Type", "image/png");
		HttpResponse<String> stored = post(form, fields, "png!".getBytes());
		assertThat(stored.statusCode()).as(stored.body()).isIn(200, 204);
		assertThat(EmbeddedS3Server.shared().exists(BUCKET, "users/alice/gallery/photo.png")).isTrue();
		fields.put("Content-Type", "text/html");
		assertThat(post(form, fields, "<script>".getBytes()).statusCode()).isEqualTo(403);
	}

	/**
	 * A POST policy can only say {@code starts-with}. AWS S3 stores keys literally, but a
	 * store that resolves {@code ..} (the embedded one does) lets a key under the prefix
	 * land above it: why profiles on an S3-compatible endpoint take no keyPrefix unless
	 * they opt in, as {@code files} does here.
	 */
	@Test
	void keyPrefixFormsAreOffByDefaultOnStoresThatMayResolveDotSegments() throws Exception {
		ProblemAssertions.assertProblem(this.api.postJson("/v1/form-uploads",
				Map.of("profile", "large", "keyPrefix", "gallery/", "contentType", "text/plain"),
				ApiClient.apiKey(ALICE_KEY)), 400, "request-invalid", "keyPrefix");
		assertThat(this.api
			.postJson("/v1/form-uploads",
					Map.of("profile", "large", "key", "gallery/a.txt", "contentType", "text/plain"),
					ApiClient.apiKey(ALICE_KEY))
			.status()).isEqualTo(200);

		JsonNode form = issue(Map.of("profile", "files", "keyPrefix", "gallery/", "contentType", "text/plain"));
		Map<String, String> fields = fields(form);
		fields.put("key", "users/alice/gallery/../escape-" + UUID.randomUUID() + ".txt");
		assertThat(post(form, fields, "x".getBytes()).statusCode()).isIn(200, 204);
		assertThat(EmbeddedS3Server.shared().exists(BUCKET, fields.get("key").replace("gallery/../", "")))
			.as("the embedded store resolved the dot segment")
			.isTrue();
		fields.put("key", "users/bob/gallery/x.txt");
		assertThat(post(form, fields, "x".getBytes()).statusCode()).isEqualTo(403);
	}

	@Test
	void formRequestsFollowTheProfileRules() {
		Map<String, String> alice = ApiClient.apiKey(ALICE_KEY);
		ProblemAssertions.assertProblem(
				this.api.postJson("/v1/form-uploads",
						Map.of("profile", "files", "key", "a.pdf", "contentType", "application/pdf"), alice),
				400, "content-type-not-allowed", "contentType");
		ProblemAssertions.assertProblem(
				this.api.postJson("/v1/form-uploads",
						Map.of("profile", "files", "key", "a.txt", "contentType", "text/*"), alice),
				400, "content-type-not-allowed", "contentType");
		ProblemAssertions.assertProblem(
				this.api.postJson("/v1/form-uploads",
						Map.of("profile", "files", "keyPrefix", "../", "contentType", "text/plain"), alice),
				400, "key-invalid", "keyPrefix");
		ProblemAssertions.assertProblem(
				this.api.postJson("/v1/form-uploads", Map.of("profile", "files", "key", "a.txt", "contentType",
						"text/plain", "maxContentLength", 2 * 1024 * 1024), alice),
				400, "content-length-too-large", "contentLength");
	}

	private JsonNode issue(Map<String, Object> body) {
		ApiClient.Response response = this.api.postJson("/v1/form-uploads", body, ApiClient.apiKey(ALICE_KEY));
		assertThat(response.status()).as(response.text()).isEqualTo(200);
		return response.json();
	}

	private static Map<String, String> fields(JsonNode form) {
		return FormPost.fields(form);
	}

	private HttpResponse<String> post(JsonNode form, Map<String, String> fields, byte[] file) throws Exception {
		return FormPost.post(form, fields, file);
	}

}
