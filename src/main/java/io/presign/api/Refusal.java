package io.presign.api;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.presign.issuing.Revocations;
import io.presign.policy.Rule;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * Every refusal the API can answer with: its code and status, when it happens, and an
 * example. The problem documents the service sends and those its API description shows
 * are built from these, by the same factory.
 */
enum Refusal {

	REQUEST_INVALID(Rule.REQUEST_INVALID, "Malformed JSON, a field of the wrong type, a missing field",
			"The field 'contentLength' has a value of the wrong type or form", "contentLength", Map.of()),

	REQUEST_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "request-too-large", "A body over the configured size",
			"The request body exceeds 262144 bytes", null, Map.of("maxRequestBytes", 262144)),

	UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
			"A body not declared application/json", "Content-Type 'text/plain' is not supported.", null, Map.of()),

	KEY_INVALID(Rule.KEY_INVALID, "A key that is empty, escapes its prefix, holds misleading characters or is too long",
			"The key must not contain '.' or '..' segments", "key", Map.of()),

	CONTENT_TYPE_INVALID(Rule.CONTENT_TYPE_INVALID, "A content type that is no concrete media type",
			"The content type must be a concrete type/subtype", "contentType", Map.of()),

	CONTENT_TYPE_NOT_ALLOWED(Rule.CONTENT_TYPE_NOT_ALLOWED, "A content type the profile does not allow",
			"The content type 'application/pdf' is not allowed by this profile", "contentType",
			Map.of("allowedContentTypes", new String[] { "image/png", "image/*" })),

	CONTENT_LENGTH_INVALID(Rule.CONTENT_LENGTH_INVALID, "A content length missing, zero or negative",
			"The content length must be given and positive", "contentLength", Map.of()),

	CONTENT_LENGTH_TOO_LARGE(Rule.CONTENT_LENGTH_TOO_LARGE, "A content length over the profile's maximum",
			"The content length exceeds the profile's maximum of 10485760 bytes", "contentLength",
			Map.of("maxContentLength", 10485760)),

	EXPIRY_OUT_OF_RANGE(Rule.EXPIRY_OUT_OF_RANGE, "An expiry below 1 s or above the profile's maximum",
			"The expiry must be between 1 and 3600 seconds", "expiresInSeconds",
			Map.of("minExpirySeconds", 1, "maxExpirySeconds", 3600)),

	FILENAME_INVALID(Rule.FILENAME_INVALID, "A file name that cannot go into Content-Disposition",
			"The file name must hold 1 to 255 characters and no control, bidirectional or invisible characters",
			"filename", Map.of()),

	CHECKSUM_INVALID(Rule.CHECKSUM_INVALID, "A digest that is not the base64 of a digest of the right length",
			"checksumSha256 must be the base64 of a 32-byte digest", "checksumSha256", Map.of()),

	BATCH_SIZE_INVALID(Rule.BATCH_SIZE_INVALID, "A batch with no keys or more than the maximum",
			"A batch must name between 1 and 100 keys", "keys", Map.of("maxBatchSize", 100)),

	PART_NUMBERS_INVALID(Rule.PART_NUMBERS_INVALID, "Part numbers empty, repeated or outside the upload's plan",
			"Part numbers must be between 1 and 2", "partNumbers", Map.of("partCount", 2, "partSize", 8388608)),

	PART_NOT_UPLOADED(Rule.PART_NOT_UPLOADED, "A part named for completion that S3 does not hold as named",
			"Part 2 is not among the parts S3 holds, or its ETag differs", "parts", Map.of()),

	UPLOAD_REJECTED(HttpStatus.BAD_REQUEST, "upload-rejected", "S3 refused a multipart call for the request's sake",
			"One or more of the specified parts could not be found.", null, Map.of("s3Code", "InvalidPart")),

	UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "unauthenticated", "No valid bearer token or API key",
			"A valid bearer token or API key is required", null, Map.of()),

	SCOPE_MISSING(Rule.SCOPE_MISSING, "No scope the caller holds grants the operation on the profile",
			"No scope the caller holds grants uploads on profile 'avatars'", "profile",
			Map.of("grantingScopes", new String[] { "avatars" })),

	OPERATION_NOT_ALLOWED(Rule.OPERATION_NOT_ALLOWED, "The profile does not offer the operation",
			"The profile 'reports' does not allow uploads", "profile", Map.of()),

	MULTIPART_NOT_ALLOWED(Rule.MULTIPART_NOT_ALLOWED, "The profile does not allow multipart uploads",
			"The profile 'avatars' does not allow multipart uploads", "profile", Map.of()),

	PROFILE_NOT_ALLOWED(Rule.PROFILE_NOT_ALLOWED, "The API key is restricted to other profiles",
			"The caller's credentials are restricted to other profiles than 'avatars'", "profile", Map.of()),

	KEY_PREFIX_UNRESOLVABLE(Rule.KEY_PREFIX_UNRESOLVABLE,
			"The caller's identity cannot fill the profile's key prefix, or fills a service's",
			"The caller has no 'org_id', which the profile's key prefix needs", null, Map.of()),

	KEY_OUTSIDE_PREFIX(Rule.KEY_OUTSIDE_PREFIX, "A full key outside the caller's prefix: another caller's object",
			"The key is outside the caller's prefix 'users/alice/'", "fullKey", Map.of()),

	TICKET_INVALID(Rule.TICKET_INVALID, "An upload ticket missing, forged, altered, for another step, or expired",
			"The ticket expired at 2026-01-01T12:05:00Z", "ticket", Map.of()),

	FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden", "The caller may not do this", "The caller may not do this", null,
			Map.of()),

	PROFILE_NOT_FOUND(Rule.PROFILE_NOT_FOUND, "No profile of that name", "No profile is named 'avatar'", "profile",
			Map.of()),

	OBJECT_NOT_FOUND(Rule.OBJECT_NOT_FOUND, "The profile requires existing objects and S3 holds none under the key",
			"S3 holds no object under 'users/alice/photos/cat.png'", "key", Map.of()),

	UPLOAD_NOT_FOUND(HttpStatus.NOT_FOUND, "upload-not-found", "S3 knows no such multipart upload",
			"The specified upload does not exist.", null, Map.of("s3Code", "NoSuchUpload")),

	REVOCATION_UNAVAILABLE(HttpStatus.CONFLICT, "revocation-unavailable",
			"The service signs with credentials it cannot revoke: no signing role, or a store IAM does not govern",
			Revocations.NEEDS_A_ROLE, null, Map.of()),

	RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
			"The caller's URLs per period on the profile are used up",
			"The rate limit of 600 URLs per 60 s on profile 'avatars' is used up", null, Map.of("limit", 600)),

	RATE_LIMIT_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "rate-limit-unavailable",
			"The shared rate-limit store (Redis) cannot answer and the deployment refuses uncounted URLs",
			"The rate-limit store cannot answer; try again shortly", null, Map.of()),

	SIGNING_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "signing-unavailable",
			"Signing credentials or S3 cannot be reached right now",
			"No URL can be signed right now; try again shortly", null, Map.of()),

	SIGNING_CREDENTIALS_EXPIRING(HttpStatus.SERVICE_UNAVAILABLE, "signing-credentials-expiring",
			"The signing credentials end too soon for a URL worth issuing",
			"The signing credentials end in 42 s, too soon for a URL of at least 60 s", null, Map.of()),

	REVOCATION_FAILED(HttpStatus.SERVICE_UNAVAILABLE, "revocation-failed",
			"STS or IAM did not carry out a revocation; nothing may have changed: try again",
			"The revocation failed: AWS answered AccessDenied; the service's identity needs sts:AssumeRole, "
					+ "iam:PutRolePolicy, iam:GetRolePolicy and iam:ListRolePolicies on the signing role",
			null, Map.of("awsCode", "AccessDenied")),

	IDENTITY_PROVIDER_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "identity-provider-unavailable",
			"The identity provider's keys cannot be fetched",
			"The token cannot be verified right now: the identity provider's keys are unreachable", null, Map.of()),

	INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "A failure of the service itself",
			"The service failed unexpectedly; the failure was logged", null, Map.of());

	/** Looked up on every policy refusal: built once. */
	private static final Map<String, Refusal> BY_CODE = Arrays.stream(values())
		.collect(Collectors.toUnmodifiableMap(Refusal::code, Function.identity()));

	private final HttpStatus status;

	private final String code;

	private final String when;

	private final String exampleDetail;

	private final @Nullable String exampleField;

	private final Map<String, Object> exampleLimits;

	Refusal(Rule rule, String when, String exampleDetail, @Nullable String exampleField,
			Map<String, Object> exampleLimits) {
		this(statusOf(rule), rule.code(), when, exampleDetail, exampleField, exampleLimits);
	}

	Refusal(HttpStatus status, String code, String when, String exampleDetail, @Nullable String exampleField,
			Map<String, Object> exampleLimits) {
		this.status = status;
		this.code = code;
		this.when = when;
		this.exampleDetail = exampleDetail;
		this.exampleField = exampleField;
		this.exampleLimits = exampleLimits;
	}

	static Refusal of(Rule rule) {
		Refusal refusal = BY_CODE.get(rule.code());
		if (refusal == null) {
			throw new IllegalStateException("No refusal for rule " + rule);
		}
		return refusal;
	}

	private static HttpStatus statusOf(Rule rule) {
		return switch (rule.outcome()) {
			case INVALID -> HttpStatus.BAD_REQUEST;
			case FORBIDDEN -> HttpStatus.FORBIDDEN;
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
		};
	}

	HttpStatus status() {
		return this.status;
	}

	String code() {
		return this.code;
	}

	String when() {
		return this.when;
	}

	String exampleDetail() {
		return this.exampleDetail;
	}

	@Nullable String exampleField() {
		return this.exampleField;
	}

	Map<String, Object> exampleLimits() {
		return this.exampleLimits;
	}

}
