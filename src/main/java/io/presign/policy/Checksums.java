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
	 * @param algorithm the algorithm's name as the caller gives it, such as
	 * {@code CRC32C}
	 * @param value the digest, base64
	 * @return the checksum; none when the caller gives none
	 * @throws PolicyViolation 400 {@code checksum-invalid} for an unknown algorithm, or a
	 * value that is not the canonical base64 of the algorithm's length
	 */
	static @Nullable Checksum additional(@Nullable String algorithm, @Nullable String value) {
		if (algorithm == null && value == null) {
			return null;
		}
		ChecksumAlgorithm known = algorithm(algorithm, "checksum.algorithm");
		if (known == null) {
			throw new PolicyViolation(Rule.CHECKSUM_INVALID, "checksum.algorithm", "The checksum needs its algorithm");
		}
		return new Checksum(known, value(known, value, "checksum.value"));
	}

	/**
	 * @param name the algorithm's name as the caller gives it, such as {@code CRC32C}
	 * @param field the request's field, for the refusal
	 * @return the algorithm; none when the caller names none
	 * @throws PolicyViolation 400 {@code checksum-invalid} for an unknown algorithm
	 */
	static @Nullable ChecksumAlgorithm algorithm(@Nullable String name, String field) {
		if (name == null) {
			return null;
		}
		for (ChecksumAlgorithm candidate : ChecksumAlgorithm.values()) {
			if (candidate.name().equals(name)) {
				return candidate;
			}
		}
		throw new PolicyViolation(Rule.CHECKSUM_INVALID, field,
				"The checksum's algorithm must be one of CRC32, CRC32C, CRC64NVME, SHA1, SHA256");
	}

	/**
	 * @return the digest, checked to be the canonical base64 of the algorithm's length
	 * @throws PolicyViolation 400 {@code checksum-invalid} for none, or another text
	 */
	static String value(ChecksumAlgorithm algorithm, @Nullable String value, String field) {
		String checked = check(value, algorithm.bytes(), field, algorithm.name());
		if (checked == null) {
			throw new PolicyViolation(Rule.CHECKSUM_INVALID, field, "The checksum needs its value");
		}
		return checked;
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
