package io.presign.api;

/**
 * Problem documents shown in the API documentation, one per kind of refusal.
 */
final class ProblemExamples {

	static final String UNAUTHENTICATED = """
			{"type":"urn:presign:problem:unauthenticated","title":"Unauthenticated","status":401,
			 "detail":"A valid bearer token or API key is required","code":"unauthenticated"}""";

	static final String SCOPE_MISSING = """
			{"type":"urn:presign:problem:scope-missing","title":"Scope missing","status":403,
			 "detail":"The profile 'avatars' requires the scope 'avatars'","code":"scope-missing","field":"profile"}""";

	static final String KEY_OUTSIDE_PREFIX = """
			{"type":"urn:presign:problem:key-outside-prefix","title":"Key outside prefix","status":403,
			 "detail":"The key is outside the caller's prefix 'users/alice/'","code":"key-outside-prefix","field":"fullKey"}""";

	static final String RATE_LIMITED = """
			{"type":"urn:presign:problem:rate-limited","title":"Rate limited","status":429,
			 "detail":"The rate limit of 600 URLs per 60 s on profile 'avatars' is used up","code":"rate-limited",
			 "limit":600}""";

	static final String BATCH_SIZE_INVALID = """
			{"type":"urn:presign:problem:batch-size-invalid","title":"Batch size invalid","status":400,
			 "detail":"A batch must name between 1 and 100 keys","code":"batch-size-invalid","field":"keys",
			 "maxBatchSize":100}""";

	static final String UPLOAD_NOT_FOUND = """
			{"type":"urn:presign:problem:upload-not-found","title":"Upload not found","status":404,
			 "detail":"The specified upload does not exist.","code":"upload-not-found","s3Code":"NoSuchUpload"}""";

	static final String OPERATION_NOT_ALLOWED = """
			{"type":"urn:presign:problem:operation-not-allowed","title":"Operation not allowed","status":403,
			 "detail":"The profile 'reports' does not allow uploads","code":"operation-not-allowed","field":"profile"}""";

	static final String PROFILE_NOT_FOUND = """
			{"type":"urn:presign:problem:profile-not-found","title":"Profile not found","status":404,
			 "detail":"No profile is named 'avatar'","code":"profile-not-found","field":"profile"}""";

	static final String KEY_INVALID = """
			{"type":"urn:presign:problem:key-invalid","title":"Key invalid","status":400,
			 "detail":"The key must not contain '.' or '..' segments","code":"key-invalid","field":"key"}""";

	static final String FILENAME_INVALID = """
			{"type":"urn:presign:problem:filename-invalid","title":"Filename invalid","status":400,
			 "detail":"The file name must hold 1 to 255 characters and no control characters",
			 "code":"filename-invalid","field":"filename"}""";

	static final String EXPIRY_OUT_OF_RANGE = """
			{"type":"urn:presign:problem:expiry-out-of-range","title":"Expiry out of range","status":400,
			 "detail":"The expiry must be between 1 and 3600 seconds","code":"expiry-out-of-range",
			 "field":"expiresInSeconds","minExpirySeconds":1,"maxExpirySeconds":3600}""";

	static final String CONTENT_TYPE_NOT_ALLOWED = """
			{"type":"urn:presign:problem:content-type-not-allowed","title":"Content type not allowed","status":400,
			 "detail":"The content type 'application/pdf' is not allowed by this profile",
			 "code":"content-type-not-allowed","field":"contentType","allowedContentTypes":["image/png","image/*"]}""";

	static final String CONTENT_LENGTH_TOO_LARGE = """
			{"type":"urn:presign:problem:content-length-too-large","title":"Content length too large","status":400,
			 "detail":"The content length must not exceed 10485760 bytes","code":"content-length-too-large",
			 "field":"contentLength","maxContentLength":10485760}""";

	static final String REQUEST_INVALID = """
			{"type":"urn:presign:problem:request-invalid","title":"Request invalid","status":400,
			 "detail":"The request body is not valid JSON","code":"request-invalid"}""";

	static final String SIGNING_UNAVAILABLE = """
			{"type":"urn:presign:problem:signing-unavailable","title":"Signing unavailable","status":503,
			 "detail":"No URL can be signed right now","code":"signing-unavailable"}""";

	private ProblemExamples() {
	}

}
