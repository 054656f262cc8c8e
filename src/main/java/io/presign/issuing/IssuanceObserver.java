package io.presign.issuing;

import io.presign.policy.Caller;

/**
 * Told of every URL the service issues, for metrics and audit; kept apart so issuing knows nothing of
 * either. Observers see an {@link Issuance}, never the URL itself.
 */
public interface IssuanceObserver {

	/**
	 * A URL was issued.
	 * @param caller who asked
	 * @param issuance what was issued, without the URL
	 */
	void issued(Caller caller, Issuance issuance);

}
