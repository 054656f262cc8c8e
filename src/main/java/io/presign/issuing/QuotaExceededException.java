package io.presign.issuing;

import java.time.Duration;

/**
 * A caller asked for more URLs than its allowance holds right now.
 */
public final class QuotaExceededException extends RuntimeException {

	private final Duration retryAfter;

	private final long limit;

	/**
	 * @param message what was exceeded
	 * @param retryAfter when enough allowance will have refilled
	 * @param limit the allowance per period
	 */
	public QuotaExceededException(String message, Duration retryAfter, long limit) {
		super(message, null, false, false);
		this.retryAfter = retryAfter;
		this.limit = limit;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

	public long limit() {
		return this.limit;
	}

}
