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
		assertThat(this.policy.resolve(null)).isEqualTo(new Expiry(Duration.ofMinutes(5), null, Duration.ofMinutes(1)));
	}

	@Test
	void acceptsTheWholeRange() {
		assertThat(this.policy.resolve(1L).duration()).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.policy.resolve(3600L).duration()).isEqualTo(Duration.ofHours(1));
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

	@Test
	void aCallerAskingLessThanTheMinimumAcceptsThatMinimum() {
		assertThat(this.policy.resolve(20L).minimum()).isEqualTo(Duration.ofSeconds(20));
		assertThat(this.policy.resolve(600L).minimum()).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void aCappingProfileCapsAtItsMaximumAndSaysSo() {
		ExpiryPolicy capping = new ExpiryPolicy(Duration.ofMinutes(5), Duration.ofHours(1), null, true);
		Expiry expiry = capping.resolve(7200L);
		assertThat(expiry.duration()).isEqualTo(Duration.ofHours(1));
		assertThat(expiry.cappedBy()).isEqualTo(ExpiryCap.POLICY);
		assertThat(capping.resolve(3600L).cappedBy()).isNull();
		assertThatThrownBy(() -> capping.resolve(0L)).isInstanceOf(PolicyViolation.class);
	}

	@Test
	void defaultMinimumIsAMinuteOrTheDefaultWhenShorter() {
		assertThat(new ExpiryPolicy(Duration.ofSeconds(30), Duration.ofHours(1)).minExpiry())
			.isEqualTo(Duration.ofSeconds(30));
		assertThatIllegalArgumentException().isThrownBy(
				() -> new ExpiryPolicy(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofMinutes(6), false));
	}

}
