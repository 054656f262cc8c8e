package io.presign.issuing;

import io.presign.policy.Caller;
import io.presign.policy.Profile;

/**
 * Limits how many URLs a caller obtains from a profile; counted in URLs, not requests.
 */
public interface IssuanceQuota {

	/**
	 * Take {@code urls} from the caller's allowance on the profile, all or nothing.
	 * @param urls how many URLs are about to be issued
	 * @throws QuotaExceededException if the allowance is short
	 */
	void consume(Caller caller, Profile profile, int urls);

}
