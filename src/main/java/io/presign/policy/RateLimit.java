package io.presign.policy;

import java.time.Duration;

/**
 * How many URLs one caller may obtain from one profile per period; a batch of n costs n.
 *
 * @param capacity the URLs per period, and the largest burst
 * @param period the period over which the capacity refills
 */
public record RateLimit(long capacity, Duration period) {

	/** No limit. */
	public static final RateLimit UNLIMITED = new RateLimit(Long.MAX_VALUE, Duration.ofSeconds(1));

	public RateLimit {
		if (capacity < 1 || period.isNegative() || period.isZero()) {
			throw new IllegalArgumentException("a rate limit needs a positive capacity and period");
		}
	}

	/**
	 * @return whether this is {@link #UNLIMITED}
	 */
	public boolean isUnlimited() {
		return this.capacity == Long.MAX_VALUE;
	}

}
