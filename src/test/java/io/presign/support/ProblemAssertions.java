package io.presign.support;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asserts RFC 9457 problem responses.
 */
public final class ProblemAssertions {

	private ProblemAssertions() {
	}

	/**
	 * Assert a problem response.
	 * @param response the response
	 * @param status the expected status
	 * @param code the expected problem code
	 * @param field the expected field at fault, or {@code null} for none
	 */
	public static void assertProblem(ApiClient.Response response, int status, String code, String field) {
		assertThat(response.status()).as(response.text()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		JsonNode problem = response.json();
		assertThat(problem.get("type").asString()).isEqualTo("urn:presign:problem:" + code);
		assertThat(problem.get("code").asString()).isEqualTo(code);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("title").asString()).isNotBlank();
		if (field != null) {
			assertThat(problem.get("field").asString()).isEqualTo(field);
		}
		else {
			assertThat(problem.has("field")).isFalse();
		}
	}

}
