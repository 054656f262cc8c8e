package io.presign.api.problem;

import java.util.List;

import io.presign.policy.Rule;

/**
 * Refusals that come together, so that an endpoint declares what it does rather than
 * listing the same codes as every other: anything that names a profile can meet
 * {@link #PROFILE}, anything that signs {@link #SIGNING}.
 */
public enum RefusalGroup {

	/**
	 * A profile is named: it may not exist, or not be the caller's to use for the
	 * operation.
	 */
	PROFILE(Rule.PROFILE_NOT_FOUND, Rule.PROFILE_NOT_ALLOWED, Rule.OPERATION_NOT_ALLOWED, Rule.SCOPE_MISSING,
			Rule.KEY_PREFIX_UNRESOLVABLE),

	/** An object key is named, relative to the caller's prefix or in full. */
	KEY(Rule.KEY_INVALID, Rule.KEY_OUTSIDE_PREFIX),

	/** An upload's declared type and size. */
	CONTENT(Rule.CONTENT_TYPE_INVALID, Rule.CONTENT_TYPE_NOT_ALLOWED, Rule.CONTENT_LENGTH_INVALID,
			Rule.CONTENT_LENGTH_TOO_LARGE),

	/** URLs are signed and counted against the caller's rate limit. */
	SIGNING(Rule.RATE_LIMITED, Rule.SIGNING_UNAVAILABLE, Rule.SIGNING_CREDENTIALS_EXPIRING),

	/**
	 * An existing multipart upload is acted on: the service calls S3 for the caller,
	 * counted.
	 */
	MULTIPART_CALL(Rule.MULTIPART_NOT_ALLOWED, Rule.RATE_LIMITED, Rule.SIGNING_UNAVAILABLE, Rule.UPLOAD_NOT_FOUND);

	private final List<Rule> rules;

	RefusalGroup(Rule... rules) {
		this.rules = List.of(rules);
	}

	/**
	 * @return the rules of the group
	 */
	public List<Rule> rules() {
		return this.rules;
	}

}
