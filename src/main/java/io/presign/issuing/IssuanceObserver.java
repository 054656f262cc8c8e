package io.presign.issuing;

import java.time.Duration;

import io.presign.policy.Caller;

/**
 * Told of every URL the service issues, for metrics and audit; kept apart so issuing knows nothing of
 * either.
 */
public interface IssuanceObserver {

	/**
	 * A URL was issued.
	 * @param caller who asked
	 * @param url what was issued
	 * @param signingTime how long signing took
	 */
	void issued(Caller caller, IssuedUrl url, Duration signingTime);

}
