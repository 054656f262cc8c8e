package io.presign.signing;

import java.util.Map;

import io.presign.support.ApiClient;
import io.presign.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readiness over HTTP on the management port: probes see the status, an admin also sees
 * the signing details, which flag a long-term access key signing for a profile on AWS
 * (the tests' static key is an AKIA key).
 */
@TestPropertySource(properties = { "presign.profiles.aws-direct.bucket=direct-bucket",
		"presign.profiles.aws-direct.region=eu-west-1", "presign.profiles.aws-direct.operations=download",
		"presign.profiles.aws-direct.required-scope=files", "presign.signing.region-check=off" })
class SigningReadinessTest extends IntegrationTest {

	@Test
	void probesSeeTheStatusOnly() {
		ApiClient.Response response = this.management.get("/actuator/health/readiness", Map.of());
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("status").asString()).isEqualTo("UP");
		assertThat(response.json().has("components")).isFalse();
	}

	@Test
	void adminsSeeThatALongTermKeySignsForAws() {
		JsonNode readiness = this.management.get("/actuator/health/readiness", ApiClient.apiKey("ops-key")).json();
		assertThat(readiness.get("status").asString()).as("a warning, not a failure").isEqualTo("UP");
		JsonNode signing = readiness.at("/components/signing/details");
		assertThat(signing.get("warning").asString()).contains("long-term access key").contains("presign.signing.role");
		assertThat(signing.at("/profiles/aws-direct").isObject()).isTrue();
	}

	@Test
	void adminsSeeWhereTicketUrlsTakeTheirHostFrom() {
		JsonNode readiness = this.management.get("/actuator/health/readiness", ApiClient.apiKey("ops-key")).json();
		JsonNode tickets = readiness.at("/components/uploadTickets/details");
		assertThat(tickets.get("baseUrl").asString()).startsWith("unset").contains("presign.upload-tickets.base-url");
		assertThat(tickets.get("secret").asString()).startsWith("random");
	}

	@Test
	void callersWithoutTheAdminScopeSeeNoDetails() {
		JsonNode readiness = this.management.get("/actuator/health/readiness", ApiClient.apiKey(ALICE_KEY)).json();
		assertThat(readiness.has("components")).isFalse();
	}

}
