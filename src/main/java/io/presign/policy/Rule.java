package io.presign.policy;

/**
 * The rules a request can break, each with a stable code that clients and dashboards can
 * rely on.
 */
public enum Rule {

	/** The request body is missing a field or carries one of the wrong type. */
	REQUEST_INVALID("request-invalid", Outcome.INVALID),

	/**
	 * The object key is empty, escapes its prefix, holds forbidden characters or is too
	 * long.
	 */
	KEY_INVALID("key-invalid", Outcome.INVALID),

	/** The content type does not parse as a concrete media type. */
	CONTENT_TYPE_INVALID("content-type-invalid", Outcome.INVALID),

	/** The content type is valid but not among the profile's allowed types. */
	CONTENT_TYPE_NOT_ALLOWED("content-type-not-allowed", Outcome.INVALID),

	/** The content length is missing or not positive. */
	CONTENT_LENGTH_INVALID("content-length-invalid", Outcome.INVALID),

	/** The content length exceeds the profile's maximum. */
	CONTENT_LENGTH_TOO_LARGE("content-length-too-large", Outcome.INVALID),

	/** The requested expiry is below one second or above the profile's maximum. */
	EXPIRY_OUT_OF_RANGE("expiry-out-of-range", Outcome.INVALID),

	/** The download file name cannot be put into a Content-Disposition header. */
	FILENAME_INVALID("filename-invalid", Outcome.INVALID),

	/** A body digest is not the base64 of a digest of the right length. */
	CHECKSUM_INVALID("checksum-invalid", Outcome.INVALID),

	/** The profile does not allow multipart uploads. */
	MULTIPART_NOT_ALLOWED("multipart-not-allowed", Outcome.FORBIDDEN),

	/** A part number is outside 1 to 10,000, repeated, or too many are asked at once. */
	PART_NUMBERS_INVALID("part-numbers-invalid", Outcome.INVALID),

	/**
	 * A part named for completion is not among the parts S3 holds, or carries another
	 * ETag.
	 */
	PART_NOT_UPLOADED("part-not-uploaded", Outcome.INVALID),

	/** A batch names more keys than allowed, or none. */
	BATCH_SIZE_INVALID("batch-size-invalid", Outcome.INVALID),

	/** The profile asks S3 before issuing a download, and S3 holds no such object. */
	OBJECT_NOT_FOUND("object-not-found", Outcome.NOT_FOUND),

	/** No profile has that name. */
	PROFILE_NOT_FOUND("profile-not-found", Outcome.NOT_FOUND),

	/**
	 * The caller's identity cannot fill the profile's key prefix (for example a name
	 * holding '/').
	 */
	KEY_PREFIX_UNRESOLVABLE("key-prefix-unresolvable", Outcome.FORBIDDEN),

	/**
	 * A full key names an object outside the caller's prefix: another caller's object.
	 */
	KEY_OUTSIDE_PREFIX("key-outside-prefix", Outcome.FORBIDDEN),

	/** The caller's credentials are restricted to other profiles. */
	PROFILE_NOT_ALLOWED("profile-not-allowed", Outcome.FORBIDDEN),

	/** The profile does not offer the operation. */
	OPERATION_NOT_ALLOWED("operation-not-allowed", Outcome.FORBIDDEN),

	/** The caller does not hold the scope the profile requires. */
	SCOPE_MISSING("scope-missing", Outcome.FORBIDDEN),

	/** An upload ticket is missing, forged, altered, for another step, or expired. */
	TICKET_INVALID("ticket-invalid", Outcome.FORBIDDEN);

	private final String code;

	private final Outcome outcome;

	Rule(String code, Outcome outcome) {
		this.code = code;
		this.outcome = outcome;
	}

	/**
	 * The stable, kebab-case code of the rule.
	 * @return the code, for example {@code key-invalid}
	 */
	public String code() {
		return this.code;
	}

	/**
	 * How a breach of this rule is answered.
	 * @return the outcome
	 */
	public Outcome outcome() {
		return this.outcome;
	}

	/**
	 * The kinds of refusal, independent of any transport.
	 */
	public enum Outcome {

		/** The request itself is wrong. */
		INVALID,

		/** The caller may not do this. */
		FORBIDDEN,

		/** The thing named does not exist. */
		NOT_FOUND

	}

}
