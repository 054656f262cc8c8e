package io.presign.policy;

import org.jspecify.annotations.Nullable;

/**
 * Server-side encryption a profile requires of every upload; signed into URLs and form
 * policies so that a client cannot drop it.
 *
 * @param algorithm {@code AES256} or {@code aws:kms}
 * @param kmsKeyId the KMS key for {@code aws:kms}; none for the bucket's default key
 */
public record Encryption(String algorithm, @Nullable String kmsKeyId) {

	public Encryption {
		if (!"AES256".equals(algorithm) && !"aws:kms".equals(algorithm)) {
			throw new IllegalArgumentException("sse must be AES256 or aws:kms");
		}
		if (kmsKeyId != null && !"aws:kms".equals(algorithm)) {
			throw new IllegalArgumentException("kms-key-id needs sse: aws:kms");
		}
	}

}
