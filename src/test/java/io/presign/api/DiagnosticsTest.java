package io.presign.api;

import java.util.List;

import io.presign.support.ApiClient;
import io.presign.support.EmbeddedS3Server;
import io.presign.support.IntegrationTest;
import io.presign.support.ProblemAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Diagnostics against the embedded S3 server with the right credentials: every step that
 * can pass does, and the canary leaves nothing behind.
 */
class DiagnosticsTest extends IntegrationTest {

	static final String OPS_KEY = "ops-key";

	@Test
	void allGreenWithCorrectCredentials() {
		ApiClient.Response response = this.api.get("/v1/diagnostics/files", ApiClient.apiKey(OPS_KEY));
		assertThat(response.status()).as(response.text()).isEqualTo(200);
		JsonNode report = response.json();
		assertThat(report.get("healthy").asBoolean()).isTrue();
		assertThat(steps(report)).containsExactly("identity", "transport", "region", "clock", "canary-put",
				"canary-get", "canary-delete");
		assertThat(status(report, "transport")).as("the embedded server is reached over plain HTTP").isEqualTo("warn");
		assertThat(step(report, "transport").at("/data/endpoint").asString())
			.isEqualTo(EmbeddedS3Server.shared().endpoint().toString());
		assertThat(status(report, "identity")).isEqualTo("ok");
		assertThat(step(report, "identity").at("/data/accessKeyId").asString()).isEqualTo("AKIA****OXY0");
		assertThat(status(report, "clock")).isEqualTo("ok");
		// S3's clock less the service's, which tests of this context may have moved ahead
		// by seconds.
		long skew = step(report, "clock").at("/data/skewSeconds").asLong();
		assertThat(Math.abs(skew + CLOCK.offset().toSeconds())).isLessThanOrEqualTo(2);
		assertThat(status(report, "canary-put")).isEqualTo("ok");
		assertThat(status(report, "canary-get")).isEqualTo("ok");
		assertThat(status(report, "canary-delete")).isEqualTo("ok");
		String key = step(report, "canary-put").at("/data/key").asString();
		assertThat(key).startsWith("_presign-canary/");
		assertThat(EmbeddedS3Server.shared().exists(BUCKET, key)).isFalse();
	}

	@Test
	void needsTheAdminScope() {
		ProblemAssertions.assertProblem(this.api.get("/v1/diagnostics/files", ApiClient.apiKey(ALICE_KEY)), 403,
				"scope-missing", null);
		ProblemAssertions.assertProblem(this.api.get("/v1/diagnostics/nope", ApiClient.apiKey(OPS_KEY)), 404,
				"profile-not-found", "profile");
	}

	static List<String> steps(JsonNode report) {
		return report.get("steps").valueStream().map((step) -> step.get("name").asString()).toList();
	}

	static JsonNode step(JsonNode report, String name) {
		return report.get("steps")
			.valueStream()
			.filter((step) -> step.get("name").asString().equals(name))
			.findFirst()
			.orElseThrow();
	}

	static String status(JsonNode report, String name) {
		return step(report, name).get("status").asString();
	}

}
