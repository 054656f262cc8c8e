package io.presign.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.presign.support.ApiClient;
import io.presign.support.IntegrationTest;
import io.presign.support.ProblemAssertions;
import io.presign.support.TestJwtIssuer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "User A gets a URL for user B's object" is impossible: on every endpoint, for API keys
 * and JWTs, with claim-based prefixes, per-scope operations, key restrictions and
 * server-generated keys.
 */
class AuthorizationTest extends IntegrationTest {

	private static final String SVC_A_KEY = "svc-a-key";

	private final TestJwtIssuer issuer = TestJwtIssuer.shared();

	@Test
	void aliceCannotReachBobsPrefixOnAnyEndpoint() {
		Map<String, String> alice = ApiClient.apiKey(ALICE_KEY);
		ProblemAssertions.assertProblem(this.api.postJson("/v1/downloads",
				Map.of("profile", "files", "fullKey", "users/bob/secret.txt"), alice), 403, "key-outside-prefix",
				"fullKey");
		ProblemAssertions
			.assertProblem(
					this.api
						.postJson("/v1/uploads",
								Map.of("profile", "files", "fullKey", "users/bob/secret.txt", "contentType",
										"text/plain", "contentLength", 3),
								alice),
					403, "key-outside-prefix", "fullKey");
		ProblemAssertions.assertProblem(this.api.postJson("/v1/downloads/batch",
				Map.of("profile", "files", "keys", List.of("mine.txt"), "fullKeys", List.of("users/bob/secret.txt")),
				alice), 403, "key-outside-prefix", "fullKey");
		// A prefix that merely starts like Bob's is still not Bob's: "users/bobby/" is
		// not under "users/bob/".
		ProblemAssertions.assertProblem(
				this.api.postJson("/v1/downloads", Map.of("profile", "files", "fullKey", "users/alice"), alice), 403,
				"key-outside-prefix", "fullKey");
		assertThat(this.api
			.postJson("/v1/downloads", Map.of("profile", "files", "fullKey", "users/bob/secret.txt"),
					ApiClient.apiKey(BOB_KEY))
			.json()
			.get("key")
			.asString()).isEqualTo("users/bob/secret.txt");
	}

	@Test
	void jwtClaimsFillTheKeyPrefix() {
		String token = this.issuer.sign(this.issuer.claims("user-1", "docs:write").claim("org_id", "acme").build());
		JsonNode upload = this.api
			.postJson("/v1/uploads",
					Map.of("profile", "tenants", "key", "a.txt", "contentType", "text/plain", "contentLength", 3),
					ApiClient.bearer(token))
			.json();
		assertThat(upload.get("key").asString()).isEqualTo("tenants/acme/user-1/a.txt");
	}

	@Test
	void missingOrUnsafeClaimIsForbiddenNeverAnEmptySegment() {
		String noOrg = this.issuer.token("user-1", "docs:read");
		ProblemAssertions.assertProblem(this.api.postJson("/v1/downloads", Map.of("profile", "tenants", "key", "a.txt"),
				ApiClient.bearer(noOrg)), 403, "key-prefix-unresolvable", null);
		for (String org : new String[] { "..", "a/b", "", "x\ny" }) {
			String token = this.issuer.sign(this.issuer.claims("user-1", "docs:read").claim("org_id", org).build());
			ProblemAssertions.assertProblem(this.api.postJson("/v1/downloads",
					Map.of("profile", "tenants", "key", "a.txt"), ApiClient.bearer(token)), 403,
					"key-prefix-unresolvable", null);
		}
	}

	@Test
	void eachScopeGrantsOnlyItsOperations() {
		String reader = this.issuer.sign(this.issuer.claims("user-1", "docs:read").claim("org_id", "acme").build());
		assertThat(this.api
			.postJson("/v1/downloads", Map.of("profile", "tenants", "key", "a.txt"), ApiClient.bearer(reader))
			.status()).isEqualTo(200);
		ApiClient.Response upload = this.api.postJson("/v1/uploads",
				Map.of("profile", "tenants", "key", "a.txt", "contentType", "text/plain", "contentLength", 3),
				ApiClient.bearer(reader));
		ProblemAssertions.assertProblem(upload, 403, "scope-missing", "profile");
		assertThat(upload.json().get("grantingScopes").toString()).isEqualTo("[\"docs:write\"]");
		JsonNode profiles = this.api.get("/v1/profiles", ApiClient.bearer(reader)).json();
		assertThat(profiles.get(0).get("name").asString()).isEqualTo("tenants");
		assertThat(profiles.get(0).get("operations").toString()).isEqualTo("[\"download\"]");
	}

	@Test
	void apiKeyAttributesFillTheTemplateAndTheKeyIsLimitedToItsProfiles() {
		JsonNode download = this.api
			.postJson("/v1/downloads", Map.of("profile", "tenants", "key", "r.txt"), ApiClient.apiKey(SVC_A_KEY))
			.json();
		assertThat(download.get("key").asString()).isEqualTo("tenants/acme/svc-a/r.txt");
		ProblemAssertions.assertProblem(this.api.postJson("/v1/downloads", Map.of("profile", "files", "key", "r.txt"),
				ApiClient.apiKey(SVC_A_KEY)), 403, "profile-not-allowed", "profile");
		assertThat(this.api.get("/v1/profiles", ApiClient.apiKey(SVC_A_KEY)).json().findValuesAsString("name"))
			.containsExactly("tenants");
	}

	@Test
	void bothHashesOfARotatingKeyWork() {
		for (String key : new String[] { "rot-old", "rot-new" }) {
			assertThat(this.api.postJson("/v1/downloads", Map.of("profile", "files", "key", "a"), ApiClient.apiKey(key))
				.json()
				.get("key")
				.asString()).isEqualTo("users/rotating/a");
		}
	}

	@Test
	void generatedKeysIgnoreTheClientsNameButKeepItsExtension() throws Exception {
		Map<String, String> alice = ApiClient.apiKey(ALICE_KEY);
		JsonNode upload = this.api
			.postJson("/v1/uploads", Map.of("profile", "generated", "key", "../../Holiday Photo.JPG", "contentType",
					"image/jpeg", "contentLength", 4), alice)
			.json();
		String key = upload.get("key").asString();
		assertThat(key).matches("uploads/alice/[0-9a-f-]{36}\\.jpg");
		JsonNode second = this.api
			.postJson("/v1/uploads", Map.of("profile", "generated", "contentType", "text/plain", "contentLength", 4),
					alice)
			.json();
		assertThat(second.get("key").asString()).matches("uploads/alice/[0-9a-f-]{36}").isNotEqualTo(key);
		ProblemAssertions
			.assertProblem(
					this.api.postJson("/v1/uploads", Map.of("profile", "generated", "fullKey",
							"uploads/alice/chosen.jpg", "contentType", "image/jpeg", "contentLength", 4), alice),
					400, "request-invalid", "fullKey");

		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		assertThat(http
			.send(HttpRequest.newBuilder(URI.create(upload.get("url").asString()))
				.header("Content-Type", "image/jpeg")
				.PUT(HttpRequest.BodyPublishers.ofString("jpeg"))
				.build(), HttpResponse.BodyHandlers.discarding())
			.statusCode()).isEqualTo(200);
		JsonNode download = this.api.postJson("/v1/downloads", Map.of("profile", "generated", "fullKey", key), alice)
			.json();
		assertThat(http
			.send(HttpRequest.newBuilder(URI.create(download.get("url").asString())).build(),
					HttpResponse.BodyHandlers.ofString())
			.body()).isEqualTo("jpeg");
	}

	@Test
	void batchGivesOneUrlOrOneErrorPerKeyAndEveryUrlWorks() throws Exception {
		Map<String, String> bob = ApiClient.apiKey(BOB_KEY);
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		for (String name : new String[] { "batch/one.txt", "batch/two.txt" }) {
			JsonNode upload = this.api
				.postJson("/v1/uploads", Map.of("profile", "files", "key", name, "contentType", "text/plain",
						"contentLength", name.length()), bob)
				.json();
			assertThat(http
				.send(HttpRequest.newBuilder(URI.create(upload.get("url").asString()))
					.header("Content-Type", "text/plain")
					.PUT(HttpRequest.BodyPublishers.ofString(name))
					.build(), HttpResponse.BodyHandlers.discarding())
				.statusCode()).isEqualTo(200);
		}
		JsonNode batch = this.api.postJson("/v1/downloads/batch", Map.of("profile", "files", "keys",
				List.of("batch/one.txt", "../escape.txt", "a//b"), "fullKeys", List.of("users/bob/batch/two.txt")), bob)
			.json();
		JsonNode items = batch.get("items");
		assertThat(items.size()).isEqualTo(4);
		assertThat(items.get(0).get("key").asString()).isEqualTo("batch/one.txt");
		assertThat(items.get(1).at("/error/code").asString()).isEqualTo("key-invalid");
		assertThat(items.get(2).at("/error/code").asString()).isEqualTo("key-invalid");
		assertThat(items.get(3).get("fullKey").asString()).isEqualTo("users/bob/batch/two.txt");
		for (int i : new int[] { 0, 3 }) {
			String url = items.get(i).at("/download/url").asString();
			HttpResponse<String> got = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(got.statusCode()).isEqualTo(200);
			assertThat(got.body()).startsWith("batch/");
		}
	}

	@Test
	void batchOverTheMaximumOrEmptyIsABadRequest() {
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < 101; i++) {
			keys.add("k" + i);
		}
		ApiClient.Response tooMany = this.api.postJson("/v1/downloads/batch", Map.of("profile", "files", "keys", keys),
				ApiClient.apiKey(BOB_KEY));
		ProblemAssertions.assertProblem(tooMany, 400, "batch-size-invalid", "keys");
		assertThat(tooMany.json().get("maxBatchSize").asInt()).isEqualTo(100);
		ProblemAssertions.assertProblem(
				this.api.postJson("/v1/downloads/batch", Map.of("profile", "files"), ApiClient.apiKey(BOB_KEY)), 400,
				"batch-size-invalid", "keys");
		Map<String, Object> hundred = new HashMap<>(Map.of("profile", "files", "keys", keys.subList(0, 100)));
		assertThat(
				this.api.postJson("/v1/downloads/batch", hundred, ApiClient.apiKey(BOB_KEY)).json().get("items").size())
			.isEqualTo(100);
	}

}
