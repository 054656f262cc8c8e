package io.presign.issuing;

import io.presign.policy.Caller;

/**
 * Told of every URL the service issues, once per request, of every revocation and of
 * every call to S3 the service makes for a caller, for metrics and audit; kept apart so
 * issuing knows nothing of either. Observers see an {@link Issuance}, never the URL
 * itself.
 */
public interface IssuanceObserver {

	/**
	 * One request's URLs were issued.
	 * @param caller who asked
	 * @param issuance what was issued, without the URLs
	 */
	void issued(Caller caller, Issuance issuance);

	/**
	 * A revocation was asked for.
	 * @param caller the admin who asked
	 */
	default void revocation(Caller caller, RevocationEvent event) {
	}

	/**
	 * The service called S3 itself on the caller's behalf.
	 * @param caller who the call was for (a ticket's principal, for a ticket)
	 */
	default void storageCall(Caller caller, StorageCall call) {
	}

}
