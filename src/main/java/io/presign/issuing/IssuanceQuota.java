package io.presign.issuing;

import io.presign.policy.Caller;
import io.presign.policy.Profile;
import io.presign.policy.RateLimit;
import org.jspecify.annotations.Nullable;

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

	/**
	 * The profile's limit, if URLs count against it at all.
	 * @return the limit; none when the profile has none
	 * @throws QuotaExceededException if the request alone asks more URLs than the limit
	 * ever allows
	 */
	static @Nullable RateLimit limitFor(Profile profile, int urls) {
		RateLimit limit = profile.rateLimit();
		if (limit.isUnlimited()) {
			return null;
		}
		if (urls > limit.capacity()) {
			throw new QuotaExceededException("A batch of " + urls + " exceeds the rate limit of " + limit.capacity()
					+ " URLs per " + limit.period().toSeconds() + " s", limit.period(), limit.capacity());
		}
		return limit;
	}

}
