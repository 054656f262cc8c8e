package io.presign.diagnostics;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What each S3 or STS error code usually means when a presigned URL fails: the checklist
 * people otherwise work through by hand.
 */
final class FailureHints {

	private static final Map<String, String> HINTS = Map.ofEntries(Map
		.entry("AccessDenied", "The signing identity may not do this: check its IAM policy grants the S3 action "
				+ "(s3:PutObject, s3:GetObject) on this key prefix, that no bucket policy or SCP Deny matches, and for "
				+ "SSE-KMS buckets that the KMS key policy allows kms:GenerateDataKey and kms:Decrypt."),
			Map.entry("SignatureDoesNotMatch", "S3 computed another signature: the profile's region differs from the "
					+ "bucket's, a signed header (Content-Type, Content-Length, x-amz-*) was sent differently, or the "
					+ "secret key is wrong."),
			Map.entry("RequestTimeTooSkewed",
					"The service's clock and S3's differ by more than 15 minutes: fix NTP on " + "the nodes."),
			Map.entry("InvalidAccessKeyId",
					"S3 does not know the access key: a deleted key, another partition or "
							+ "account, or session credentials used without their token."),
			Map.entry("ExpiredToken", "The session credentials had expired when the URL was used."),
			Map.entry("InvalidToken", "The session token is malformed or belongs to other credentials."),
			Map.entry("NoSuchBucket", "The bucket does not exist: check the profile's bucket name and account."),
			Map.entry("PermanentRedirect",
					"The bucket is in another region than the profile's: fix the profile's " + "region."),
			Map.entry("AuthorizationHeaderMalformed",
					"The credential scope names the wrong region: fix the profile's " + "region."),
			Map.entry("AuthorizationQueryParametersError",
					"The URL's signature parameters are malformed, often a URL "
							+ "mangled by re-encoding between the service and the client."),
			Map.entry("ContentMismatch", "The object read back differs from what was written: something between "
					+ "client and bucket rewrites bodies."));

	private FailureHints() {
	}

	static @Nullable String forCode(@Nullable String code) {
		return (code != null) ? HINTS.get(code) : null;
	}

}
