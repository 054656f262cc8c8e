package io.presign.api.problem;

import java.util.Map;

import io.presign.issuing.Revocations;
import org.jspecify.annotations.Nullable;

/**
 * The example problem document of every code, as the API description shows it: a detail,
 * the field at fault and the extras a real answer carries. {@code ProblemExamplesTest}
 * replays the hostile corpus and checks that a real answer of each code has the same
 * members.
 */
final class ProblemExamples {

	private static final Map<String, Example> EXAMPLES = Map.ofEntries(
			example("request-invalid", "The field 'contentLength' has a value of the wrong type or form",
					"contentLength"),
			example("request-too-large", "The request body exceeds 262144 bytes", null,
					Map.of("maxRequestBytes", 262144)),
			example("unsupported-media-type", "Content-Type 'text/plain' is not supported.", null),
			example("key-invalid", "The key must not contain '.' or '..' segments", "key"),
			example("content-type-invalid", "The content type must be a concrete type/subtype", "contentType"),
			example("content-type-not-allowed", "The content type 'application/pdf' is not allowed by this profile",
					"contentType", Map.of("allowedContentTypes", new String[] { "image/png", "image/*" })),
			example("content-length-invalid", "The content length must be given and positive", "contentLength"),
			example("content-length-too-large", "The content length exceeds the profile's maximum of 10485760 bytes",
					"contentLength", Map.of("maxContentLength", 10485760)),
			example("expiry-out-of-range", "The expiry must be between 1 and 3600 seconds", "expiresInSeconds",
					Map.of("minExpirySeconds", 1, "maxExpirySeconds", 3600)),
			example("filename-invalid",
					"The file name must hold 1 to 255 characters and no control, bidirectional or invisible characters",
					"filename"),
			example("checksum-invalid", "checksumSha256 must be the base64 of a 32-byte digest", "checksumSha256"),
			example("batch-size-invalid", "A batch must name between 1 and 100 keys", "keys",
					Map.of("maxBatchSize", 100)),
			example("part-numbers-invalid", "Part numbers must be between 1 and 2", "partNumbers",
					Map.of("partCount", 2, "partSize", 8388608)),
			example("part-not-uploaded", "Part 2 is not among the parts S3 holds, or its ETag differs", "parts"),
			example("upload-rejected", "One or more of the specified parts could not be found.", null,
					Map.of("s3Code", "InvalidPart")),
			example("unauthenticated", "A valid bearer token or API key is required", null),
			example("scope-missing", "No scope the caller holds grants uploads on profile 'avatars'", "profile",
					Map.of("grantingScopes", new String[] { "avatars" })),
			example("operation-not-allowed", "The profile 'reports' does not allow uploads", "profile"),
			example("multipart-not-allowed", "The profile 'avatars' does not allow multipart uploads", "profile"),
			example("profile-not-allowed", "The caller's credentials are restricted to other profiles than 'avatars'",
					"profile"),
			example("key-prefix-unresolvable", "The caller has no 'org_id', which the profile's key prefix needs",
					null),
			example("key-outside-prefix", "The key is outside the caller's prefix 'users/alice/'", "fullKey"),
			example("ticket-invalid", "The ticket expired at 2026-01-01T12:05:00Z", "ticket"),
			example("ticket-used", "The ticket is being redeemed; try again in a moment", "ticket"),
			example("forbidden", "The caller may not do this", null),
			example("profile-not-found", "No profile is named 'avatar'", "profile"),
			example("object-not-found", "S3 holds no object under 'users/alice/photos/cat.png'", "key"),
			example("upload-not-found", "The specified upload does not exist.", null, Map.of("s3Code", "NoSuchUpload")),
			example("revocation-unavailable", Revocations.NEEDS_A_ROLE, null),
			example("rate-limited", "The rate limit of 600 URLs per 60 s on profile 'avatars' is used up", null,
					Map.of("limit", 600)),
			example("rate-limit-unavailable", "The rate-limit store cannot answer; try again shortly", null),
			example("signing-unavailable", "No URL can be signed right now; try again shortly", null),
			example("signing-credentials-expiring",
					"The signing credentials end in 42 s, too soon for a URL of at least 60 s", null),
			example("revocation-failed",
					"The revocation failed: AWS answered AccessDenied; the service's identity needs sts:AssumeRole, "
							+ "iam:PutRolePolicy, iam:GetRolePolicy and iam:ListRolePolicies on the signing role",
					null, Map.of("awsCode", "AccessDenied")),
			example("storage-misbehaving",
					"S3 listed the parts of upload VXBsb2FkIElE from marker 3 again: the listing does not advance",
					null),
			example("identity-provider-unavailable",
					"The token cannot be verified right now: the identity provider's keys are unreachable", null),
			example("internal-error", "The service failed unexpectedly; the failure was logged", null));

	private ProblemExamples() {
	}

	/**
	 * @return the example of a code
	 * @throws IllegalStateException for a code without one, which
	 * {@code ProblemExamplesTest} keeps from happening
	 */
	static Example of(String code) {
		Example example = EXAMPLES.get(code);
		if (example == null) {
			throw new IllegalStateException("No example of problem code " + code);
		}
		return example;
	}

	private static Map.Entry<String, Example> example(String code, String detail, @Nullable String field) {
		return example(code, detail, field, Map.of());
	}

	private static Map.Entry<String, Example> example(String code, String detail, @Nullable String field,
			Map<String, Object> extras) {
		return Map.entry(code, new Example(detail, field, extras));
	}

	/**
	 * What an example problem document holds besides its type.
	 *
	 * @param detail the detail
	 * @param field the field at fault
	 * @param extras the further members
	 */
	record Example(String detail, @Nullable String field, Map<String, Object> extras) {
	}

}
