package io.presign.policy;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * How long a profile's URLs live: a default when the client names none, a ceiling, and
 * the shortest lifetime worth issuing when signing credentials leave less than asked.
 *
 * @param defaultExpiry the expiry used when the client asks for none
 * @param maxExpiry the longest expiry a client may ask for
 * @param minExpiry the shortest lifetime worth issuing when credentials force a shorter
 * one
 * @param capAtMax whether a wish above {@code maxExpiry} is capped (and reported) rather
 * than refused
 */
public record ExpiryPolicy(Duration defaultExpiry, Duration maxExpiry, Duration minExpiry, boolean capAtMax) {

	/** SigV4 presigned URLs cannot live longer than seven days. */
	public static final Duration SIGV4_LIMIT = Duration.ofDays(7);

	/** The minimum lifetime when none is configured, unless the default is shorter. */
	public static final Duration DEFAULT_MIN_EXPIRY = Duration.ofMinutes(1);

	public ExpiryPolicy {
		if (minExpiry == null) {
			minExpiry = defaultMinimum(defaultExpiry);
		}
		if (minExpiry.compareTo(Duration.ofSeconds(1)) < 0 || maxExpiry.compareTo(SIGV4_LIMIT) > 0
				|| minExpiry.compareTo(defaultExpiry) > 0 || defaultExpiry.compareTo(maxExpiry) > 0) {
			throw new IllegalArgumentException(
					"expiries must satisfy 1s <= min-expiry <= default-expiry <= max-expiry <= 7d");
		}
	}

	/**
	 * A policy that refuses wishes above the maximum, with the default minimum.
	 * @param defaultExpiry the default
	 * @param maxExpiry the maximum
	 */
	public ExpiryPolicy(Duration defaultExpiry, Duration maxExpiry) {
		this(defaultExpiry, maxExpiry, defaultMinimum(defaultExpiry), false);
	}

	/**
	 * @return the minimum lifetime when none is configured: {@link #DEFAULT_MIN_EXPIRY},
	 * or the default expiry when that is shorter
	 */
	public static Duration defaultMinimum(Duration defaultExpiry) {
		return (defaultExpiry.compareTo(DEFAULT_MIN_EXPIRY) < 0) ? defaultExpiry : DEFAULT_MIN_EXPIRY;
	}

	/**
	 * Resolve the expiry of one URL.
	 * @param requestedSeconds the client's wish
	 * @return the expiry to sign with
	 * @throws PolicyViolation if the wish is below 1 s, or above the maximum on a profile
	 * that refuses
	 */
	public Expiry resolve(@Nullable Long requestedSeconds) {
		if (requestedSeconds == null) {
			return new Expiry(this.defaultExpiry, null, this.minExpiry);
		}
		long max = this.maxExpiry.toSeconds();
		if (requestedSeconds > max && this.capAtMax) {
			return new Expiry(this.maxExpiry, ExpiryCap.POLICY, this.minExpiry);
		}
		if (requestedSeconds < 1 || requestedSeconds > max) {
			throw new PolicyViolation(Rule.EXPIRY_OUT_OF_RANGE, "expiresInSeconds",
					"The expiry must be between 1 and " + max + " seconds",
					Map.of("minExpirySeconds", 1, "maxExpirySeconds", max));
		}
		Duration requested = Duration.ofSeconds(requestedSeconds);
		// A caller asking for less than the profile's minimum accepts that shorter
		// lifetime.
		Duration minimum = (requested.compareTo(this.minExpiry) < 0) ? requested : this.minExpiry;
		return new Expiry(requested, null, minimum);
	}

}
