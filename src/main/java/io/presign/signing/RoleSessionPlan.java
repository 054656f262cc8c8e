package io.presign.signing;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How long a signing session lasts and when it is renewed, so that a URL issued at any
 * moment can get the largest profile max-expiry in full.
 *
 * @param sessionDuration the duration asked of STS
 * @param refreshAhead renew once less than this is left
 */
record RoleSessionPlan(Duration sessionDuration, Duration refreshAhead) {

	/** STS's shortest session. */
	static final Duration MIN_SESSION = Duration.ofMinutes(15);

	/** STS's longest role session. */
	static final Duration MAX_SESSION = Duration.ofHours(12);

	/**
	 * @param largestMaxExpiry the largest max-expiry of any profile
	 * @param safetyMargin the margin kept before a session's end
	 * @param configured a configured session duration
	 * @return the plan
	 */
	static RoleSessionPlan of(Duration largestMaxExpiry, Duration safetyMargin, @Nullable Duration configured) {
		Duration needed = largestMaxExpiry.plus(safetyMargin);
		Duration session = (configured != null) ? configured : clamp(needed.multipliedBy(2));
		// A session shorter than what a URL needs cannot be renewed "ahead" of that need
		// without renewing on
		// every request; renew halfway instead, and let capping shorten the URLs.
		Duration refreshAhead = (needed.compareTo(session) < 0) ? needed : session.dividedBy(2);
		return new RoleSessionPlan(session, refreshAhead);
	}

	/**
	 * @param largestMaxExpiry the largest max-expiry of any profile
	 * @param safetyMargin the margin kept before a session's end
	 * @return whether every URL can get its full lifetime
	 */
	boolean coversFully(Duration largestMaxExpiry, Duration safetyMargin) {
		return this.refreshAhead.compareTo(largestMaxExpiry.plus(safetyMargin)) >= 0;
	}

	private static Duration clamp(Duration duration) {
		if (duration.compareTo(MIN_SESSION) < 0) {
			return MIN_SESSION;
		}
		return (duration.compareTo(MAX_SESSION) > 0) ? MAX_SESSION : duration;
	}

}
