package io.presign.api;

import io.presign.support.ApiClient;
import io.presign.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Diagnostics when the signing secret is wrong: the canary PUT fails with S3's error code
 * and the hint that explains it.
 */
@TestPropertySource(properties = "presign.signing.static-credentials.secret-access-key=not-the-secret")
class DiagnosticsWrongSecretTest extends IntegrationTest {

	@Test
	void canaryReportsTheSignatureMismatchAndItsHint() {
		ApiClient.Response response = this.api.get("/v1/diagnostics/files", ApiClient.apiKey(DiagnosticsTest.OPS_KEY));
		assertThat(response.status()).as(response.text()).isEqualTo(200);
		JsonNode report = response.json();
		assertThat(report.get("healthy").asBoolean()).isFalse();
		JsonNode put = DiagnosticsTest.step(report, "canary-put");
		assertThat(put.get("status").asString()).isEqualTo("failed");
		assertThat(put.get("code").asString()).isEqualTo("SignatureDoesNotMatch");
		assertThat(put.get("hint").asString()).contains("secret key").contains("region");
		assertThat(put.get("detail").asString()).contains("403");
		assertThat(DiagnosticsTest.steps(report)).doesNotContain("canary-get");
	}

}
