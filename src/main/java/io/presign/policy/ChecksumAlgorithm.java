package io.presign.policy;

import java.util.Locale;

/**
 * The checksums S3 stores beside an object, each with the length of its digest: S3
 * computes the one named and refuses a body whose digest differs.
 */
public enum ChecksumAlgorithm {

	/** CRC-32, 4 bytes. */
	CRC32(4, true),

	/** CRC-32C (Castagnoli), 4 bytes. */
	CRC32C(4, true),

	/** CRC-64/NVME, 8 bytes. */
	CRC64NVME(8, true),

	/** SHA-1, 20 bytes. */
	SHA1(20, false),

	/** SHA-256, 32 bytes. */
	SHA256(32, false);

	private final int bytes;

	private final boolean wholeObjectInParts;

	ChecksumAlgorithm(int bytes, boolean wholeObjectInParts) {
		this.bytes = bytes;
		this.wholeObjectInParts = wholeObjectInParts;
	}

	/**
	 * Whether S3 keeps this checksum of a whole object uploaded in parts (its
	 * {@code FULL_OBJECT} checksum type): a CRC of the whole can be combined from the
	 * parts' CRCs, a SHA cannot, and S3 keeps only a checksum of the parts' checksums for
	 * those, which no client can compare with its file's.
	 * @return whether uploads in parts can carry it
	 */
	public boolean wholeObjectInParts() {
		return this.wholeObjectInParts;
	}

	/**
	 * @return the digest's length in bytes
	 */
	public int bytes() {
		return this.bytes;
	}

	/**
	 * @return the name in S3's headers, such as {@code crc32c} in
	 * {@code x-amz-checksum-crc32c}
	 */
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
