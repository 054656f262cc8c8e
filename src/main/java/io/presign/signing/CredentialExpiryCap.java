package io.presign.signing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.presign.policy.Expiry;
import io.presign.policy.ExpiryCap;

/**
 * Keeps a URL from outliving the credentials that sign it: a presigned URL stops working
 * when its signing session ends, whatever its {@code X-Amz-Expires} says.
 */
final class CredentialExpiryCap {

	private final Clock clock;

	private final Duration safetyMargin;

	/**
	 * @param safetyMargin how long before the credentials' end every URL must expire
	 */
	CredentialExpiryCap(Clock clock, Duration safetyMargin) {
		this.clock = clock;
		this.safetyMargin = safetyMargin;
	}

	/**
	 * @param wanted what policy allows
	 * @param credentialsExpireAt when the signing credentials end, if they do
	 * @param signedAt when the URL is signed, by {@link #now()}
	 * @return {@code wanted}, or shorter and marked {@link ExpiryCap#CREDENTIALS}; the
	 * duration may be zero or negative when nothing is left, which callers check against
	 * {@link Expiry#minimum()}
	 */
	Expiry cap(Expiry wanted, Optional<Instant> credentialsExpireAt, Instant signedAt) {
		if (credentialsExpireAt.isEmpty()) {
			return wanted;
		}
		// Whole seconds, rounded down: X-Amz-Expires has no finer unit.
		Duration left = Duration
			.ofSeconds(Duration.between(signedAt, credentialsExpireAt.get().minus(this.safetyMargin)).toSeconds());
		if (left.compareTo(wanted.duration()) >= 0) {
			return wanted;
		}
		return wanted.cappedTo(left, ExpiryCap.CREDENTIALS);
	}

	/**
	 * @return now, by the clock capping uses
	 */
	Instant now() {
		return this.clock.instant();
	}

	/**
	 * @return the margin kept before the credentials' end
	 */
	Duration safetyMargin() {
		return this.safetyMargin;
	}

}
