package io.presign.diagnostics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.presign.policy.Profile;
import org.jspecify.annotations.Nullable;

/**
 * The bucket policy and CORS rule a profile's bucket should carry, so that the bucket itself enforces what the
 * service promises, even for URLs or credentials that escape it: no presigned request older than the
 * profile's longest URL, no request over plain HTTP, and no object outside the profile's prefix for the
 * signing role. Written in AWS's own JSON shapes, ready for {@code aws s3api put-bucket-policy} and
 * {@code put-bucket-cors}.
 */
public final class BucketGuardrails {

	/** Stands in for the signing role's ARN when the service signs with other credentials. */
	static final String ROLE_PLACEHOLDER = "arn:aws:iam::ACCOUNT_ID:role/SIGNING_ROLE";

	private final @Nullable String signingRoleArn;

	private final String canaryPrefix;

	/**
	 * @param signingRoleArn the role the service signs as, if it assumes one
	 * @param canaryPrefix where diagnostics write their canary, which the signing role must still reach
	 */
	public BucketGuardrails(@Nullable String signingRoleArn, String canaryPrefix) {
		this.signingRoleArn = signingRoleArn;
		this.canaryPrefix = canaryPrefix;
	}

	/**
	 * @param corsOrigins the origins browsers call the service from, which then send the URLs to S3
	 * @return the policy, the CORS configuration and what to check before applying them
	 */
	public Guardrails forProfile(Profile profile, List<String> corsOrigins) {
		String bucketArn = "arn:aws:s3:::" + profile.bucket();
		List<String> notes = new ArrayList<>();
		List<Map<String, Object>> statements = new ArrayList<>();
		statements.add(statement("DenyInsecureTransport", "*", "s3:*", "Resource", List.of(bucketArn, bucketArn + "/*"),
				Map.of("Bool", Map.of("aws:SecureTransport", "false"))));
		long maxAgeMillis = profile.expiry().maxExpiry().toMillis();
		Map<String, Object> olderThanMax = new LinkedHashMap<>();
		olderThanMax.put("StringEquals", Map.of("s3:authType", "REST-QUERY-STRING"));
		olderThanMax.put("NumericGreaterThan", Map.of("s3:signatureAge", maxAgeMillis));
		statements.add(statement("DenyPresignedUrlsOlderThanMaxExpiry", "*", "s3:*", "Resource",
				List.of(bucketArn + "/*"), olderThanMax));
		notes.add("DenyPresignedUrlsOlderThanMaxExpiry refuses every presigned request signed over "
				+ profile.expiry().maxExpiry().toSeconds() + " s ago (s3:signatureAge, in milliseconds), whoever signed "
				+ "it: other services presigning on this bucket need URLs no longer than that.");
		String prefix = profile.keyPrefix().constantPrefix();
		if (prefix.isEmpty()) {
			notes.add("The key prefix '" + profile.keyPrefix() + "' starts with a placeholder, so no prefix can "
					+ "confine the signing role on this bucket; give the profile a bucket or a constant prefix of its own.");
		}
		else {
			String role = (this.signingRoleArn != null) ? this.signingRoleArn : ROLE_PLACEHOLDER;
			statements.add(statement("DenySigningRoleOutsideProfilePrefix", Map.of("AWS", role),
					List.of("s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"),
					"NotResource", List.of(bucketArn + "/" + prefix + "*", bucketArn + "/" + this.canaryPrefix + "*"),
					null));
			if (this.signingRoleArn == null) {
				notes.add("The service does not assume a role (presign.signing.role.arn), so "
						+ ROLE_PLACEHOLDER + " stands for the identity that signs: replace it before applying.");
			}
			notes.add("Profiles sharing this bucket share the signing role: apply one statement listing every "
					+ "profile's prefix, or their Deny statements refuse each other's keys.");
		}
		Map<String, Object> policy = new LinkedHashMap<>();
		policy.put("Version", "2012-10-17");
		policy.put("Statement", statements);

		Map<String, Object> rule = new LinkedHashMap<>();
		rule.put("AllowedOrigins", corsOrigins);
		rule.put("AllowedMethods", List.of("GET", "PUT", "POST", "HEAD"));
		rule.put("AllowedHeaders", List.of("*"));
		// Browsers may read a part's ETag only if S3 exposes it, and multipart completion needs it.
		rule.put("ExposeHeaders", List.of("ETag"));
		rule.put("MaxAgeSeconds", 3000);
		if (corsOrigins.isEmpty()) {
			notes.add("No CORS origins are configured (presign.cors.allowed-origins): browsers cannot use the URLs "
					+ "until the rule names the frontends' origins.");
		}
		return new Guardrails(profile.name(), profile.bucket(), policy, Map.of("CORSRules", List.of(rule)), notes);
	}

	private static Map<String, Object> statement(String sid, Object principal, Object action, String resourceKind,
			List<String> resources, @Nullable Map<String, Object> condition) {
		Map<String, Object> statement = new LinkedHashMap<>();
		statement.put("Sid", sid);
		statement.put("Effect", "Deny");
		statement.put("Principal", principal);
		statement.put("Action", action);
		statement.put(resourceKind, resources);
		if (condition != null) {
			statement.put("Condition", condition);
		}
		return statement;
	}

	/**
	 * What to apply to a profile's bucket.
	 *
	 * @param bucketPolicy for {@code aws s3api put-bucket-policy --policy}
	 * @param cors for {@code aws s3api put-bucket-cors --cors-configuration}
	 * @param notes what to check or change before applying them
	 */
	public record Guardrails(String profile, String bucket, Map<String, Object> bucketPolicy, Map<String, Object> cors,
			List<String> notes) {
	}

}
