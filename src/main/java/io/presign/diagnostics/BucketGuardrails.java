package io.presign.diagnostics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.presign.policy.Profile;
import org.jspecify.annotations.Nullable;

/**
 * The bucket policy and CORS rule a profile's bucket should carry, so that the bucket
 * itself enforces what the service promises, even for URLs or credentials that escape it:
 * no presigned request older than the longest URL of the bucket's profiles, no request
 * over plain HTTP, and no object outside their prefixes for the signing role. Written in
 * AWS's own JSON shapes, ready for {@code aws s3api put-bucket-policy} and
 * {@code put-bucket-cors}.
 */
public final class BucketGuardrails {

	/**
	 * Every object action, versions, ACLs, tags and deletes included; bucket-level
	 * actions (listing, the region check) are left alone, so that the service's own calls
	 * on the bucket keep working.
	 */
	static final List<String> OBJECT_ACTIONS = List.of("s3:GetObject*", "s3:PutObject*", "s3:DeleteObject*",
			"s3:AbortMultipartUpload", "s3:ListMultipartUploadParts", "s3:RestoreObject");

	/**
	 * Stands in for the signing role's ARN when the service signs with other credentials.
	 */
	static final String ROLE_PLACEHOLDER = "arn:aws:iam::ACCOUNT_ID:role/SIGNING_ROLE";

	private final @Nullable String signingRoleArn;

	private final String canaryPrefix;

	/**
	 * @param signingRoleArn the role the service signs as, if it assumes one
	 * @param canaryPrefix where diagnostics write their canary, which the signing role
	 * must still reach
	 */
	public BucketGuardrails(@Nullable String signingRoleArn, String canaryPrefix) {
		this.signingRoleArn = signingRoleArn;
		this.canaryPrefix = canaryPrefix;
	}

	/**
	 * @param bucketProfiles every configured profile; those on the same bucket share its
	 * policy
	 * @param corsOrigins the origins browsers call the service from, which then send the
	 * URLs to S3
	 * @return the policy, the CORS configuration and what to check before applying them
	 */
	public Guardrails forProfile(Profile profile, Collection<Profile> bucketProfiles, List<String> corsOrigins) {
		// One bucket has one policy: it must let through what every profile on the bucket
		// issues.
		List<Profile> sharing = bucketProfiles.stream()
			.filter((other) -> other.bucket().equals(profile.bucket())
					&& Objects.equals(other.endpoint(), profile.endpoint()))
			.toList();
		if (sharing.isEmpty()) {
			sharing = List.of(profile);
		}
		String bucketArn = "arn:aws:s3:::" + profile.bucket();
		List<String> notes = new ArrayList<>();
		List<Map<String, Object>> statements = new ArrayList<>();
		statements.add(statement("DenyInsecureTransport", "*", "s3:*", "Resource", List.of(bucketArn, bucketArn + "/*"),
				Map.of("Bool", Map.of("aws:SecureTransport", "false"))));
		Duration longest = sharing.stream()
			.map((other) -> other.expiry().maxExpiry())
			.max(Comparator.naturalOrder())
			.orElseThrow();
		Map<String, Object> olderThanMax = new LinkedHashMap<>();
		olderThanMax.put("StringEquals", Map.of("s3:authType", "REST-QUERY-STRING"));
		olderThanMax.put("NumericGreaterThan", Map.of("s3:signatureAge", longest.toMillis()));
		statements.add(statement("DenyPresignedUrlsOlderThanMaxExpiry", "*", "s3:*", "Resource",
				List.of(bucketArn + "/*"), olderThanMax));
		notes.add("DenyPresignedUrlsOlderThanMaxExpiry refuses every presigned request signed over "
				+ longest.toSeconds() + " s ago (s3:signatureAge, in milliseconds; the longest max-expiry of the "
				+ "profiles on this bucket), whoever signed it: other services presigning on this bucket need URLs "
				+ "no longer than that.");
		List<String> unconfined = sharing.stream()
			.filter((other) -> other.keyPrefix().constantPrefix().isEmpty())
			.map(Profile::name)
			.toList();
		if (!unconfined.isEmpty()) {
			notes.add("The key prefix of " + unconfined + " starts with a placeholder, so no prefix can confine the "
					+ "signing role on this bucket; give such profiles a bucket or a constant prefix of their own.");
		}
		else {
			String role = (this.signingRoleArn != null) ? this.signingRoleArn : ROLE_PLACEHOLDER;
			List<String> allowed = new ArrayList<>();
			sharing.stream()
				.map((other) -> bucketArn + "/" + other.keyPrefix().constantPrefix() + "*")
				.distinct()
				.forEach(allowed::add);
			allowed.add(bucketArn + "/" + this.canaryPrefix + "*");
			statements.add(statement("DenySigningRoleOutsideProfilePrefixes", Map.of("AWS", role), OBJECT_ACTIONS,
					"NotResource", allowed, null));
			if (this.signingRoleArn == null) {
				notes.add("The service does not assume a role (presign.signing.role.arn), so " + ROLE_PLACEHOLDER
						+ " stands for the identity that signs: replace it before applying.");
			}
		}
		if (sharing.size() > 1) {
			notes.add("Profiles " + sharing.stream().map(Profile::name).toList()
					+ " share this bucket; the policy covers all of them.");
		}
		Map<String, Object> policy = new LinkedHashMap<>();
		policy.put("Version", "2012-10-17");
		policy.put("Statement", statements);

		Map<String, Object> rule = new LinkedHashMap<>();
		rule.put("AllowedOrigins", corsOrigins);
		// DELETE: a browser aborting its multipart upload (Uppy does) calls S3 with it.
		rule.put("AllowedMethods", List.of("GET", "PUT", "POST", "DELETE", "HEAD"));
		rule.put("AllowedHeaders", List.of("*"));
		// Browsers may read a part's ETag only if S3 exposes it, and multipart completion
		// needs it.
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
