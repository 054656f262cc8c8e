package io.presign.policy;

/**
 * Every reason the service refuses a request, each with a stable code that clients and
 * dashboards can rely on and a kind of outcome that the API maps to an HTTP status. The
 * one list of refusal codes: the API's error answers, its OpenAPI description and
 * docs/api.md are built from it and checked against it.
 */
public enum Rule {

	/** The request body is missing a field or carries one of the wrong type. */
	REQUEST_INVALID("request-invalid", Outcome.INVALID, "Malformed JSON, a field of the wrong type, a missing field"),

	/**
	 * The object key is empty, escapes its prefix, holds forbidden characters or is too
	 * long.
	 */
	KEY_INVALID("key-invalid", Outcome.INVALID,
			"A key that is empty, escapes its prefix, holds misleading characters or is too long"),

	/** The content type does not parse as a concrete media type. */
	CONTENT_TYPE_INVALID("content-type-invalid", Outcome.INVALID, "A content type that is no concrete media type"),

	/** The content type is valid but not among the profile's allowed types. */
	CONTENT_TYPE_NOT_ALLOWED("content-type-not-allowed", Outcome.INVALID, "A content type the profile does not allow"),

	/** The content length is missing or not positive. */
	CONTENT_LENGTH_INVALID("content-length-invalid", Outcome.INVALID, "A content length missing, zero or negative"),

	/** The content length exceeds the profile's maximum. */
	CONTENT_LENGTH_TOO_LARGE("content-length-too-large", Outcome.INVALID,
			"A content length over the profile's maximum"),

	/** The requested expiry is below one second or above the profile's maximum. */
	EXPIRY_OUT_OF_RANGE("expiry-out-of-range", Outcome.INVALID, "An expiry below 1 s or above the profile's maximum"),

	/** The download file name cannot be put into a Content-Disposition header. */
	FILENAME_INVALID("filename-invalid", Outcome.INVALID, "A file name that cannot go into Content-Disposition"),

	/** A body digest is not the base64 of a digest of the right length. */
	CHECKSUM_INVALID("checksum-invalid", Outcome.INVALID,
			"A digest that is not the base64 of a digest of the right length"),

	/** The profile does not allow multipart uploads. */
	MULTIPART_NOT_ALLOWED("multipart-not-allowed", Outcome.FORBIDDEN, "The profile does not allow multipart uploads"),

	/** A part number is outside 1 to 10,000, repeated, or too many are asked at once. */
	PART_NUMBERS_INVALID("part-numbers-invalid", Outcome.INVALID,
			"Part numbers empty, repeated or outside the upload's plan"),

	/**
	 * A part named for completion is not among the parts S3 holds, or carries another
	 * ETag.
	 */
	PART_NOT_UPLOADED("part-not-uploaded", Outcome.INVALID,
			"A part named for completion that S3 does not hold as named"),

	/** A batch names more keys than allowed, or none. */
	BATCH_SIZE_INVALID("batch-size-invalid", Outcome.INVALID, "A batch with no keys or more than the maximum"),

	/**
	 * S3 refused a call the service made for the request (a multipart call), for the
	 * request's sake.
	 */
	UPLOAD_REJECTED("upload-rejected", Outcome.INVALID, "S3 refused a multipart call for the request's sake"),

	/** The profile asks S3 before issuing a download, and S3 holds no such object. */
	OBJECT_NOT_FOUND("object-not-found", Outcome.NOT_FOUND,
			"The profile requires existing objects and S3 holds none under the key"),

	/** S3 knows no multipart upload of that id and key. */
	UPLOAD_NOT_FOUND("upload-not-found", Outcome.NOT_FOUND, "S3 knows no such multipart upload"),

	/** No profile has that name. */
	PROFILE_NOT_FOUND("profile-not-found", Outcome.NOT_FOUND, "No profile of that name"),

	/**
	 * The caller's identity cannot fill the profile's key prefix (for example a name
	 * holding '/').
	 */
	KEY_PREFIX_UNRESOLVABLE("key-prefix-unresolvable", Outcome.FORBIDDEN,
			"The caller's identity cannot fill the profile's key prefix, or fills a service's"),

	/**
	 * A full key names an object outside the caller's prefix: another caller's object.
	 */
	KEY_OUTSIDE_PREFIX("key-outside-prefix", Outcome.FORBIDDEN,
			"A full key outside the caller's prefix: another caller's object"),

	/** The caller's credentials are restricted to other profiles. */
	PROFILE_NOT_ALLOWED("profile-not-allowed", Outcome.FORBIDDEN, "The API key is restricted to other profiles"),

	/** The profile does not offer the operation. */
	OPERATION_NOT_ALLOWED("operation-not-allowed", Outcome.FORBIDDEN, "The profile does not offer the operation"),

	/** The caller does not hold the scope the profile requires. */
	SCOPE_MISSING("scope-missing", Outcome.FORBIDDEN, "No scope the caller holds grants the operation on the profile"),

	/** An upload ticket is missing, forged, altered, for another step, or expired. */
	TICKET_INVALID("ticket-invalid", Outcome.FORBIDDEN,
			"An upload ticket missing, forged, altered, for another step, or expired"),

	/**
	 * An upload ticket whose first redemption is still under way: a ticket does its step
	 * once, and a retry after it gets its answer.
	 */
	TICKET_USED("ticket-used", Outcome.CONFLICT,
			"An upload ticket whose first redemption is still under way; retry to get its answer"),

	/**
	 * URLs signed by the service cannot be revoked: no signing role, or a store IAM does
	 * not govern.
	 */
	REVOCATION_UNAVAILABLE("revocation-unavailable", Outcome.CONFLICT,
			"The service signs with credentials it cannot revoke: no signing role, or a store IAM does not govern"),

	/** The caller's URLs per period on the profile are used up. */
	RATE_LIMITED("rate-limited", Outcome.EXHAUSTED, "The caller's URLs per period on the profile are used up"),

	/**
	 * The shared rate-limit store cannot answer and the deployment refuses uncounted
	 * URLs.
	 */
	RATE_LIMIT_UNAVAILABLE("rate-limit-unavailable", Outcome.UNAVAILABLE,
			"The shared rate-limit store (Redis) cannot answer and the deployment refuses uncounted URLs"),

	/** Signing credentials or S3 cannot be reached right now. */
	SIGNING_UNAVAILABLE("signing-unavailable", Outcome.UNAVAILABLE,
			"Signing credentials or S3 cannot be reached right now"),

	/** The signing credentials end too soon for a URL worth issuing. */
	SIGNING_CREDENTIALS_EXPIRING("signing-credentials-expiring", Outcome.UNAVAILABLE,
			"The signing credentials end too soon for a URL worth issuing"),

	/** STS or IAM did not carry out a revocation. */
	REVOCATION_FAILED("revocation-failed", Outcome.UNAVAILABLE,
			"STS or IAM did not carry out a revocation; nothing may have changed: try again"),

	/**
	 * S3 answered in a way that cannot be right, such as a listing of parts that never
	 * ends.
	 */
	STORAGE_MISBEHAVING("storage-misbehaving", Outcome.MISBEHAVING,
			"S3 answered in a way that cannot be right, such as a listing of parts that never ends");

	private final String code;

	private final Outcome outcome;

	private final String meaning;

	Rule(String code, Outcome outcome, String meaning) {
		this.code = code;
		this.outcome = outcome;
		this.meaning = meaning;
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
	 * When the rule refuses, in a phrase, as the API description and docs/api.md say it.
	 * @return the phrase
	 */
	public String meaning() {
		return this.meaning;
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
		NOT_FOUND,

		/** The request cannot be carried out as the service is set up. */
		CONFLICT,

		/** The caller has used up its allowance for now. */
		EXHAUSTED,

		/**
		 * A dependency of the service cannot help right now; the fault is not the
		 * caller's.
		 */
		UNAVAILABLE,

		/** A dependency of the service answered in a way that cannot be right. */
		MISBEHAVING

	}

}
