package io.presign.issuing;

import java.time.Duration;
import java.time.Instant;

import io.presign.policy.ExpiryCap;
import io.presign.signing.CloudFrontSigner;
import org.jspecify.annotations.Nullable;

/**
 * CloudFront signed cookies for every object under a prefix, and the same policy as query
 * parameters.
 *
 * @param domain the distribution's host name, for the cookies' {@code Domain}
 * @param path the prefix's path, for the cookies' {@code Path}
 * @param resource the policy's resource: every URL under the prefix
 * @param policy the {@code CloudFront-Policy} cookie's value
 * @param signature the {@code CloudFront-Signature} cookie's value
 * @param keyPairId the {@code CloudFront-Key-Pair-Id} cookie's value
 * @param lifetime how long they work
 * @param expiresAt when they stop working
 * @param cappedBy what shortened the lifetime below the caller's wish
 */
public record IssuedCookies(String domain, String path, String resource, String policy, String signature,
		String keyPairId, Duration lifetime, Instant expiresAt, @Nullable ExpiryCap cappedBy) {

	static IssuedCookies of(CloudFrontSigner.SignedCookies cookies) {
		return new IssuedCookies(cookies.domain(), cookies.path(), cookies.resource(), cookies.policy(),
				cookies.signature(), cookies.keyPairId(), cookies.lifetime(), cookies.expiresAt(), cookies.cappedBy());
	}

}
