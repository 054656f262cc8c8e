package io.presign.policy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExpiryPolicyTest {

	private final ExpiryPolicy policy = new ExpiryPolicy(Duration.ofMinutes(5), Duration.ofHours(1));

	@Test
	void usesTheDefaultWhenNoneIsAsked() {
		assertThat(this.policy.resolve(null)).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void acceptsTheWholeRange() {
		assertThat(this.policy.resolve(1L)).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.policy.resolve(3600L)).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void refusesOutsideTheRangeNamingTheMaximum() {
		for (long seconds : new long[] { 0, -5, 3601, Long.MAX_VALUE }) {
			assertThatThrownBy(() -> this.policy.resolve(seconds)).isInstanceOfSatisfying(PolicyViolation.class,
					(violation) -> {
						assertThat(violation.rule()).isEqualTo(Rule.EXPIRY_OUT_OF_RANGE);
						assertThat(violation.limits()).containsEntry("maxExpirySeconds", 3600L);
					});
		}
	}

	@Test
	void configurationBeyondSigV4OrInvertedIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ExpiryPolicy(Duration.ofMinutes(5), Duration.ofDays(7).plusSeconds(1)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ExpiryPolicy(Duration.ofHours(2), Duration.ofHours(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> new ExpiryPolicy(Duration.ZERO, Duration.ofHours(1)));
		assertThat(new ExpiryPolicy(Duration.ofDays(7), Duration.ofDays(7)).maxExpiry()).isEqualTo(Duration.ofDays(7));
	}

}
