package io.presign.api.problem;

import java.util.Map;
import java.util.stream.Stream;

import io.presign.support.ApiClient;
import io.presign.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static io.presign.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every rule answers with its own status, problem type and field, as problem+json, over
 * real HTTP.
 */
class ProblemDetailsTest extends IntegrationTest {

	static Stream<Arguments> uploadRules() {
		String longKey = "k".repeat(1025 - "users/alice/".length());
		return Stream.of(arguments("empty key", upload(""), 400, "key-invalid", "key"),
				arguments("missing key", uploadWithout("key"), 400, "key-invalid", "key"),
				arguments("leading slash", upload("/a.txt"), 400, "key-invalid", "key"),
				arguments("empty segment", upload("a//b.txt"), 400, "key-invalid", "key"),
				arguments("trailing slash", upload("a/"), 400, "key-invalid", "key"),
				arguments("dot segment", upload("a/./b.txt"), 400, "key-invalid", "key"),
				arguments("dot-dot segment", upload("../bob/b.txt"), 400, "key-invalid", "key"),
				arguments("backslash", upload("a\\b.txt"), 400, "key-invalid", "key"),
				arguments("control character", upload("a\u0000b.txt"), 400, "key-invalid", "key"),
				arguments("newline", upload("a\nb.txt"), 400, "key-invalid", "key"),
				arguments("key over 1024 bytes", upload(longKey), 400, "key-invalid", "key"),
				arguments("multi-byte key over 1024 bytes", upload("é".repeat(507)), 400, "key-invalid", "key"),
				arguments("unparsable content type", with(upload("a.txt"), "contentType", "not a type"), 400,
						"content-type-invalid", "contentType"),
				arguments("wildcard content type", with(upload("a.txt"), "contentType", "image/*"), 400,
						"content-type-invalid", "contentType"),
				arguments("missing content type", uploadWithout("contentType"), 400, "content-type-invalid",
						"contentType"),
				arguments("content type not allowed", with(upload("a.txt"), "contentType", "application/pdf"), 400,
						"content-type-not-allowed", "contentType"),
				arguments("zero length", with(upload("a.txt"), "contentLength", 0), 400, "content-length-invalid",
						"contentLength"),
				arguments("negative length", with(upload("a.txt"), "contentLength", -1), 400, "content-length-invalid",
						"contentLength"),
				arguments("missing length", uploadWithout("contentLength"), 400, "content-length-invalid",
						"contentLength"),
				arguments("length over max", with(upload("a.txt"), "contentLength", 1024 * 1024 + 1), 400,
						"content-length-too-large", "contentLength"),
				arguments("expiry zero", with(upload("a.txt"), "expiresInSeconds", 0), 400, "expiry-out-of-range",
						"expiresInSeconds"),
				arguments("expiry over max", with(upload("a.txt"), "expiresInSeconds", 3601), 400,
						"expiry-out-of-range", "expiresInSeconds"),
				arguments("unknown profile", with(upload("a.txt"), "profile", "nope"), 404, "profile-not-found",
						"profile"),
				arguments("operation not allowed", with(upload("a.txt"), "profile", "reports"), 403,
						"operation-not-allowed", "profile"),
				arguments("missing profile", uploadWithout("profile"), 400, "request-invalid", "profile"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("uploadRules")
	void uploadRuleAnswersWithItsProblem(String name, Map<String, Object> body, int status, String code, String field) {
		assertProblem(this.api.postJson("/v1/uploads", body, ApiClient.apiKey(ALICE_KEY)), status, code, field);
	}

	static Stream<Arguments> downloadRules() {
		return Stream.of(
				arguments("dot-dot", Map.of("profile", "files", "key", "a/../../x"), 400, "key-invalid", "key"),
				arguments("bad disposition", Map.of("profile", "files", "key", "a", "disposition", "download"), 400,
						"request-invalid", "disposition"),
				arguments("control character in filename",
						Map.of("profile", "files", "key", "a", "filename", "a\r\nSet-Cookie: x"), 400,
						"filename-invalid", "filename"),
				arguments("empty version id", Map.of("profile", "files", "key", "a", "versionId", ""), 400,
						"request-invalid", "versionId"),
				arguments("expiry over max", Map.of("profile", "reports", "key", "a", "expiresInSeconds", 601), 400,
						"expiry-out-of-range", "expiresInSeconds"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("downloadRules")
	void downloadRuleAnswersWithItsProblem(String name, Map<String, Object> body, int status, String code,
			String field) {
		assertProblem(this.api.postJson("/v1/downloads", body, ApiClient.apiKey(ALICE_KEY)), status, code, field);
	}

	@Test
	void expiryProblemNamesTheMaximum() {
		JsonNode problem = this.api
			.postJson("/v1/downloads", Map.of("profile", "files", "key", "a", "expiresInSeconds", 7200),
					ApiClient.apiKey(ALICE_KEY))
			.json();
		assertThat(problem.get("maxExpirySeconds").asLong()).isEqualTo(3600);
		assertThat(problem.get("detail").asString()).contains("3600");
	}

	@Test
	void callerWithoutTheProfileScopeIsForbidden() {
		assertProblem(this.api.postJson("/v1/uploads", upload("a.txt"), ApiClient.apiKey(CAROL_KEY)), 403,
				"scope-missing", "profile");
		assertProblem(
				this.api.postJson("/v1/downloads", Map.of("profile", "reports", "key", "a"), ApiClient.apiKey(BOB_KEY)),
				403, "scope-missing", "profile");
	}

	@Test
	void malformedJsonIsABadRequest() {
		assertProblem(this.api.post("/v1/uploads", "{\"profile\":\"files\",", ApiClient.apiKey(ALICE_KEY)), 400,
				"request-invalid", null);
	}

	@Test
	void wrongJsonTypeNamesTheField() {
		assertProblem(this.api.post("/v1/uploads",
				"{\"profile\":\"files\",\"key\":\"a\",\"contentType\":\"text/plain\",\"contentLength\":\"ten\"}",
				ApiClient.apiKey(ALICE_KEY)), 400, "request-invalid", "contentLength");
	}

	@Test
	void frameworkErrorsAreProblemsToo() {
		assertProblem(this.api.get("/v1/nothing-here", ApiClient.apiKey(ALICE_KEY)), 404, "not-found", null);
		assertProblem(this.api.get("/v1/uploads", ApiClient.apiKey(ALICE_KEY)), 405, "method-not-allowed", null);
	}

	@Test
	void problemsNeverCarryAStackTrace() {
		ApiClient.Response response = this.api.post("/v1/uploads", "[1,2", ApiClient.apiKey(ALICE_KEY));
		assertThat(response.text()).doesNotContain("Exception")
			.doesNotContain("at io.")
			.doesNotContain("stackTrace")
			.doesNotContain("\"trace\"");
	}

	private static Map<String, Object> upload(String key) {
		return Map.of("profile", "files", "key", key, "contentType", "text/plain", "contentLength", 10);
	}

	private static Map<String, Object> uploadWithout(String field) {
		Map<String, Object> body = new java.util.HashMap<>(upload("a.txt"));
		body.remove(field);
		return body;
	}

	private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
		Map<String, Object> copy = new java.util.HashMap<>(body);
		copy.put(field, value);
		return copy;
	}

}
