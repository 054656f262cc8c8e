package io.presign.signing;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.presign.support.ApiClient;
import io.presign.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a caller sees when the signing session ends soon: a shorter URL that says why, or
 * a 503 to retry.
 */
@Import(CredentialCappingApiTest.SessionConfiguration.class)
class CredentialCappingApiTest extends IntegrationTest {

	@Autowired
	private ControlledSession session;

	@Test
	void urlIsCappedToTheSessionAndSaysSo() {
		this.session.end.set(Instant.now().plusSeconds(600));
		ApiClient.Response response = this.api.postJson("/v1/downloads",
				Map.of("profile", "files", "key", "a.txt", "expiresInSeconds", 3600), ApiClient.apiKey(ALICE_KEY));
		assertThat(response.status()).as(response.text()).isEqualTo(200);
		JsonNode body = response.json();
		assertThat(body.get("expiryCappedBy").asString()).isEqualTo("credentials");
		assertThat(body.get("expiresInSeconds").asLong()).isLessThanOrEqualTo(540).isGreaterThan(530);
		assertThat(body.get("url").asString()).contains("X-Amz-Expires=" + body.get("expiresInSeconds").asLong() + "&")
			.contains("X-Amz-Security-Token=");
		assertThat(Instant.parse(body.get("expiresAt").asString())).isBefore(this.session.end.get().minusSeconds(59));
	}

	@Test
	void uncappedUrlSaysNothing() {
		this.session.end.set(Instant.now().plusSeconds(7200));
		JsonNode body = this.api
			.postJson("/v1/downloads", Map.of("profile", "files", "key", "a.txt"), ApiClient.apiKey(ALICE_KEY))
			.json();
		assertThat(body.has("expiryCappedBy")).isFalse();
		assertThat(body.get("expiresInSeconds").asLong()).isEqualTo(300);
	}

	@Test
	void sessionEndingTooSoonIsA503WithRetryAfterAfterOneRefresh() {
		this.session.end.set(Instant.now().plusSeconds(90));
		int refreshesBefore = this.session.refreshes.get();
		ApiClient.Response response = this.api.postJson("/v1/uploads",
				Map.of("profile", "files", "key", "a.txt", "contentType", "text/plain", "contentLength", 3),
				ApiClient.apiKey(ALICE_KEY));
		assertThat(response.status()).isEqualTo(503);
		assertThat(response.json().get("code").asString()).isEqualTo("signing-credentials-expiring");
		assertThat(Long.parseLong(response.header("Retry-After"))).isBetween(1L, 90L);
		assertThat(this.session.refreshes.get()).isEqualTo(refreshesBefore + 1);
	}

	@Test
	void readinessFollowsTheTimeLeftWithoutCallingAws() {
		int refreshesBefore = this.session.refreshes.get();
		this.session.end.set(Instant.now().plusSeconds(7200));
		assertThat(this.management.get("/actuator/health/readiness", Map.of()).status()).isEqualTo(200);
		this.session.end.set(Instant.now().plusSeconds(90));
		ApiClient.Response down = this.management.get("/actuator/health/readiness", Map.of());
		assertThat(down.status()).isEqualTo(503);
		assertThat(down.json().get("status").asString()).isEqualTo("DOWN");
		assertThat(this.management.get("/actuator/health/liveness", Map.of()).status()).isEqualTo(200);
		assertThat(this.session.refreshes.get()).as("probes only read cached state").isEqualTo(refreshesBefore);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class SessionConfiguration {

		@Bean
		@Primary
		ControlledSession controlledSession() {
			return new ControlledSession();
		}

	}

	/**
	 * Session credentials whose end the test sets.
	 */
	static final class ControlledSession implements SigningCredentials {

		final AtomicReference<Instant> end = new AtomicReference<>(Instant.now().plusSeconds(3600));

		final AtomicInteger refreshes = new AtomicInteger();

		@Override
		public SigningIdentity current() {
			return new SigningIdentity(AwsSessionCredentials.builder()
				.accessKeyId("ASIACONTROLLED")
				.secretAccessKey("secret")
				.sessionToken("token")
				.expirationTime(this.end.get())
				.build());
		}

		@Override
		public SigningIdentity refresh() {
			this.refreshes.incrementAndGet();
			return current();
		}

	}

}
