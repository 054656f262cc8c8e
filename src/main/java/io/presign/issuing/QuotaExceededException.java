package io.presign.issuing;

import java.time.Duration;
import java.util.Map;

import io.presign.policy.RefusedException;
import io.presign.policy.Rule;

/**
 * A caller asked for more URLs than its allowance holds right now.
 */
public final class QuotaExceededException extends RefusedException {

	private final long limit;

	/**
	 * @param message what was exceeded
	 * @param retryAfter when the allowance holds enough again
	 * @param limit the URLs per period
	 */
	public QuotaExceededException(String message, Duration retryAfter, long limit) {
		super(Rule.RATE_LIMITED, null, message, Map.of("limit", limit), retryAfter, null);
		this.limit = limit;
	}

	/**
	 * @return the URLs per period
	 */
	public long limit() {
		return this.limit;
	}

}
