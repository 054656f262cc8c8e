package io.presign.signing;

import java.time.Duration;
import java.time.Instant;

import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * What computes a presigned URL's signature: the one seam between the service's signing
 * rules (which request, which credentials, how long) and an implementation of SigV4.
 * Chosen by {@code presign.signing.engine}: {@link LeanSigningEngine} (the default) or
 * {@link SdkSigningEngine}, which the tests use as the byte-for-byte oracle of the first.
 */
interface SigningEngine {

	/**
	 * Presign one request.
	 * @param request what the URL allows
	 * @param credentials the credentials to sign with
	 * @param signedAt the signing time, in whole seconds
	 * @param lifetime how long the URL lives
	 * @return the URL and when it stops working
	 * @throws software.amazon.awssdk.core.exception.SdkException when the SDK cannot
	 * resolve where the profile's objects are
	 */
	Signed presign(S3Request request, AwsCredentials credentials, Instant signedAt, Duration lifetime);

	/**
	 * A presigned URL.
	 *
	 * @param url the URL, signature included
	 * @param expiresAt when it stops working: its {@code X-Amz-Date} plus its
	 * {@code X-Amz-Expires}
	 */
	record Signed(String url, Instant expiresAt) {
	}

}
