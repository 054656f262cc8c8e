package io.presign.api;

import java.time.Instant;
import java.util.List;

import io.presign.issuing.Revocations;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A revocation made.
 *
 * @param profile the profile revoked; none when all were
 * @param revokedBefore URLs signed by sessions issued before this time now fail with 403
 * @param role the signing role that carries the deny policy
 * @param policyName the role's inline policy holding it
 * @param resources what it covers: {@code *}, or the profile's bucket and prefix
 * @param notCovered for a revocation of everything, the profiles whose URLs it does not
 * reach: those on S3-compatible stores and those delivered through CloudFront
 */
@Schema(description = "A revocation made: every URL signed before revokedBefore is refused by S3 from now on")
record RevocationResponse(@Schema(example = "avatars") @Nullable String profile,
		@Schema(example = "2026-12-02T13:04:59Z") Instant revokedBefore,
		@Schema(example = "arn:aws:iam::123456789012:role/presign-signer") String role,
		@Schema(example = "AWSRevokeOlderSessions") String policyName,
		@Schema(example = "[\"arn:aws:s3:::my-avatars/users/*\"]") List<String> resources,
		@Schema(example = "[\"media\"]", description = "Profiles whose URLs this does not revoke: on S3-compatible "
				+ "stores (rotate their credentials) or delivered through CloudFront (remove the public key from the "
				+ "distribution's key group)") List<String> notCovered) {

	static RevocationResponse of(@Nullable String profile, Revocations.Revoked revocation, List<String> notCovered) {
		return new RevocationResponse(profile, revocation.revokedBefore(), revocation.role(), revocation.policyName(),
				revocation.resources(), notCovered);
	}

}
