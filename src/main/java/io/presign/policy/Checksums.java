package io.presign.policy;

import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * Checks client-supplied body digests before they are signed in: a malformed one would
 * only make S3 refuse the upload later, with an error the client cannot connect to its
 * request.
 */
final class Checksums {

	private Checksums() {
	}

	static @Nullable String md5(@Nullable String base64) {
		return check(base64, 16, "contentMd5", "MD5");
	}

	static @Nullable String sha256(@Nullable String base64) {
		return check(base64, 32, "checksumSha256", "SHA-256");
	}

	/**
	 * Only canonical base64 passes: the standard alphabet, padded, and nothing the
	 * decoder forgives, since S3 compares the header's text with the digest it computes.
	 * Java's decoder takes unpadded input and ignores the bits that padding leaves over
	 * ({@code ...Cfh==} decodes as {@code ...Cfg==} does), so the decoded bytes must
	 * encode back to exactly the text given.
	 */
	private static @Nullable String check(@Nullable String base64, int bytes, String field, String algorithm) {
		if (base64 == null) {
			return null;
		}
		try {
			byte[] digest = Base64.getDecoder().decode(base64);
			if (digest.length == bytes && Base64.getEncoder().encodeToString(digest).equals(base64)) {
				return base64;
			}
		}
		catch (IllegalArgumentException ex) {
			// Reported below.
		}
		throw new PolicyViolation(Rule.CHECKSUM_INVALID, field, "The " + field + " must be the base64 of a " + bytes
				+ "-byte " + algorithm + " digest, in the standard alphabet and padded with '='");
	}

}
