package io.presign.policy;

import java.util.Locale;

/**
 * The checksums S3 stores beside an object, each with the length of its digest: S3
 * computes the one named and refuses a body whose digest differs.
 */
public enum ChecksumAlgorithm {

	/** CRC-32, 4 bytes. */
	CRC32(4),

	/** CRC-32C (Castagnoli), 4 bytes. */
	CRC32C(4),

	/** CRC-64/NVME, 8 bytes. */
	CRC64NVME(8),

	/** SHA-1, 20 bytes. */
	SHA1(20),

	/** SHA-256, 32 bytes. */
	SHA256(32);

	private final int bytes;

	ChecksumAlgorithm(int bytes) {
		this.bytes = bytes;
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
