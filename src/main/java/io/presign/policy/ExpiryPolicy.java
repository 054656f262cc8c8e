package io.presign.policy;

import java.time.Duration;
import java.util.Map;

/**
 * How long a profile's URLs live: a default when the client names none, and a ceiling.
 *
 * @param defaultExpiry the expiry used when the client asks for none
 * @param maxExpiry the longest expiry a client may ask for
 */
public record ExpiryPolicy(Duration defaultExpiry, Duration maxExpiry) {

	/** SigV4 presigned URLs cannot live longer than seven days. */
	public static final Duration SIGV4_LIMIT = Duration.ofDays(7);

	public ExpiryPolicy {
		if (defaultExpiry.compareTo(Duration.ofSeconds(1)) < 0 || maxExpiry.compareTo(SIGV4_LIMIT) > 0
				|| defaultExpiry.compareTo(maxExpiry) > 0) {
			throw new IllegalArgumentException("expiries must satisfy 1s <= default-expiry <= max-expiry <= 7d");
		}
	}

	/**
	 * Resolve the expiry of one URL.
	 * @param requestedSeconds the client's wish, or {@code null}
	 * @return the expiry to sign with
	 * @throws PolicyViolation if the wish is outside 1 s to the maximum
	 */
	public Duration resolve(Long requestedSeconds) {
		if (requestedSeconds == null) {
			return this.defaultExpiry;
		}
		long max = this.maxExpiry.toSeconds();
		if (requestedSeconds < 1 || requestedSeconds > max) {
			throw new PolicyViolation(Rule.EXPIRY_OUT_OF_RANGE, "expiresInSeconds",
					"The expiry must be between 1 and " + max + " seconds",
					Map.of("minExpirySeconds", 1, "maxExpirySeconds", max));
		}
		return Duration.ofSeconds(requestedSeconds);
	}

}
