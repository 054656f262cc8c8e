package io.presign.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.presign.support.ApiClient;
import io.presign.support.IntegrationTest;
import io.presign.support.ProblemAssertions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code limited} profile allows 3 URLs per caller per 2 s: URLs are counted, not
 * requests, and the allowance comes back.
 */
class RateLimitTest extends IntegrationTest {

	@Test
	void fourthUrlInTheWindowIs429UntilTheBucketRefills() throws Exception {
		Map<String, String> bob = ApiClient.apiKey(BOB_KEY);
		Map<String, Object> download = Map.of("profile", "limited", "key", "a.txt");
		for (int i = 0; i < 3; i++) {
			assertThat(this.api.postJson("/v1/downloads", download, bob).status()).isEqualTo(200);
		}
		ApiClient.Response limited = this.api.postJson("/v1/downloads", download, bob);
		ProblemAssertions.assertProblem(limited, 429, "rate-limited", null);
		long retryAfter = Long.parseLong(limited.header("Retry-After"));
		assertThat(retryAfter).isBetween(1L, 2L);
		assertThat(limited.json().get("limit").asLong()).isEqualTo(3);

		// Another caller has its own bucket.
		assertThat(this.api.postJson("/v1/downloads", download, ApiClient.apiKey(ALICE_KEY)).status()).isEqualTo(200);

		CLOCK.advance(Duration.ofMillis(2100));
		assertThat(this.api.postJson("/v1/downloads", download, bob).status()).isEqualTo(200);
	}

	@Test
	void aBatchCostsOneUrlPerKey() throws Exception {
		Map<String, String> rotating = ApiClient.apiKey("rot-new");
		ProblemAssertions.assertProblem(
				this.api.postJson("/v1/downloads/batch",
						Map.of("profile", "limited", "keys", List.of("a", "b", "c", "d")), rotating),
				429, "rate-limited", null);
		assertThat(this.api
			.postJson("/v1/downloads/batch", Map.of("profile", "limited", "keys", List.of("a", "b")), rotating)
			.status()).isEqualTo(200);
		ProblemAssertions.assertProblem(this.api.postJson("/v1/downloads/batch",
				Map.of("profile", "limited", "keys", List.of("c", "d")), rotating), 429, "rate-limited", null);
		assertThat(this.api.postJson("/v1/downloads", Map.of("profile", "limited", "key", "e"), rotating).status())
			.isEqualTo(200);
	}

}
