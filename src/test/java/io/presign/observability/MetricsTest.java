package io.presign.observability;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.presign.support.ApiClient;
import io.presign.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scripted sequence of issuances and refusals shows up in the Prometheus text, over
 * real HTTP on the management port, with exactly those counts and tags. The context is
 * this test's own, so counts start at zero.
 */
@TestPropertySource(properties = "presign.profiles.files.cap-expiry-at-max=true")
class MetricsTest extends IntegrationTest {

	@Test
	void scriptedSequenceIsCountedExactly() {
		Map<String, String> alice = ApiClient.apiKey(ALICE_KEY);
		for (int i = 0; i < 3; i++) {
			assertThat(this.api.postJson("/v1/downloads", Map.of("profile", "files", "key", "d" + i), alice).status())
				.isEqualTo(200);
		}
		for (int i = 0; i < 2; i++) {
			assertThat(
					this.api
						.postJson("/v1/uploads", Map.of("profile", "files", "key", "u" + i, "contentType", "text/plain",
								"contentLength", 4), alice)
						.status())
				.isEqualTo(200);
		}
		assertThat(this.api
			.postJson("/v1/downloads/batch", Map.of("profile", "files", "keys", List.of("b1", "b2", "../b3", "b4")),
					alice)
			.status()).isEqualTo(200);
		ApiClient.Response capped = this.api.postJson("/v1/downloads",
				Map.of("profile", "files", "key", "c", "expiresInSeconds", 7200), alice);
		assertThat(capped.json().get("expiryCappedBy").asString()).isEqualTo("policy");
		assertThat(this.api.postJson("/v1/downloads", Map.of("profile", "files", "key", "../x"), alice).status())
			.isEqualTo(400);
		assertThat(this.api.postJson("/v1/downloads", Map.of("profile", "files", "key", "a//b"), alice).status())
			.isEqualTo(400);
		assertThat(
				this.api
					.postJson("/v1/uploads",
							Map.of("profile", "files", "key", "x.pdf", "contentType", "application/pdf",
									"contentLength", 4),
							alice)
					.status())
			.isEqualTo(400);
		assertThat(this.api.postJson("/v1/downloads", Map.of("profile", "no-such-profile", "key", "x"), alice).status())
			.isEqualTo(404);
		assertThat(this.api.postJson("/v1/downloads", Map.of("profile", "files", "key", "x"), Map.of()).status())
			.isEqualTo(401);
		assertThat(this.api
			.postJson("/v1/downloads", Map.of("profile", "files", "key", "x"), ApiClient.bearer("not-a-jwt"))
			.status()).isEqualTo(401);

		String metrics = this.management.get("/actuator/prometheus", Map.of()).text();

		assertThat(value(metrics, "presign_urls_issued_total", "operation=\"download\"", "profile=\"files\"",
				"region=\"us-east-1\""))
			.as("three single URLs, three of a batch, one capped")
			.isEqualTo(7);
		assertThat(value(metrics, "presign_urls_issued_total", "operation=\"upload\"", "profile=\"files\"",
				"region=\"us-east-1\""))
			.isEqualTo(2);
		assertThat(value(metrics, "presign_requests_rejected_total", "profile=\"files\"", "reason=\"key-invalid\""))
			.isEqualTo(2);
		assertThat(value(metrics, "presign_requests_rejected_total", "profile=\"files\"",
				"reason=\"content-type-not-allowed\""))
			.isEqualTo(1);
		assertThat(value(metrics, "presign_requests_rejected_total", "profile=\"unknown\"",
				"reason=\"profile-not-found\""))
			.isEqualTo(1);
		assertThat(
				value(metrics, "presign_requests_rejected_total", "profile=\"unknown\"", "reason=\"unauthenticated\""))
			.as("no credential, and a bearer token that is no JWT")
			.isEqualTo(2);
		assertThat(value(metrics, "presign_expiry_capped_total", "profile=\"files\"", "reason=\"policy\""))
			.isEqualTo(1);
		assertThat(value(metrics, "presign_url_expiry_seconds_count", "operation=\"download\"", "profile=\"files\""))
			.isEqualTo(7);
		assertThat(value(metrics, "presign_url_expiry_seconds_sum", "operation=\"download\"", "profile=\"files\""))
			.isEqualTo(6 * 300 + 3600);
		assertThat(value(metrics, "presign_signing_seconds_count", "operation=\"download\"")).isEqualTo(7);
		assertThat(value(metrics, "presign_signing_seconds_count", "operation=\"upload\"")).isEqualTo(2);
		assertThat(metrics).contains("presign_signing_seconds{operation=\"download\",quantile=\"0.99\"}");
		assertThat(metrics).contains("presign_signing_credentials_remaining_seconds");
		assertThat(metrics).as("never a key or a principal as a tag").doesNotContain("key=").doesNotContain("alice");
		assertThat(value(metrics, "http_server_requests_seconds_count", "uri=\"/v1/downloads\"", "status=\"200\""))
			.isEqualTo(4);
		assertThat(metrics).as("observations keep their timers, without long task timers of the ones in flight")
			.contains("presign_policy_seconds_count")
			.doesNotContain("_active_seconds");
		assertThat(metrics).as("Spring Security's authorization of every request by its path is not observed")
			.doesNotContain("spring_security_authorizations");
		assertThat(metrics).as("nor its authentication of a bearer token, which an API key never had")
			.doesNotContain("spring_security_authentications");
	}

	private static double value(String metrics, String name, String... labels) {
		Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
		Matcher matcher = line.matcher(metrics);
		while (matcher.find()) {
			String found = matcher.group(1);
			boolean all = true;
			for (String label : labels) {
				all &= found.contains(label);
			}
			if (all) {
				return Double.parseDouble(matcher.group(2));
			}
		}
		throw new AssertionError("No " + name + " with " + String.join(",", labels) + " in:\n"
				+ metrics.lines().filter((l) -> l.startsWith("presign")).reduce("", (a, b) -> a + b + "\n"));
	}

}
