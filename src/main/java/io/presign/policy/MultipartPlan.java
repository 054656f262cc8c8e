package io.presign.policy;

import org.jspecify.annotations.Nullable;

/**
 * A multipart upload that policy allowed: its key, type, declared size and the parts that
 * size is cut into. The plan is a pure function of the profile and the declared size, so
 * the service can rebuild it on every call without keeping state.
 *
 * @param key the full object key
 * @param contentType the object's Content-Type
 * @param contentLength the declared total size
 * @param partSize the size of every part but the last
 * @param partCount how many parts that makes
 * @param stamp what the object must carry
 * @param checksumAlgorithm the CRC the parts and the whole object carry; none for no
 * checksum
 */
public record MultipartPlan(Profile profile, String key, @Nullable String contentType, long contentLength,
		long partSize, int partCount, ObjectStamp stamp, @Nullable ChecksumAlgorithm checksumAlgorithm) {

	/**
	 * The planned size of one part: the part size, or what is left for the last part.
	 * @param partNumber a part number from 1 to {@link #partCount()}
	 * @return its size in bytes
	 */
	public long partLength(int partNumber) {
		if (partNumber < 1 || partNumber > this.partCount) {
			throw new IllegalArgumentException("part " + partNumber + " is not in 1.." + this.partCount);
		}
		return Math.min(this.partSize, this.contentLength - (partNumber - 1) * this.partSize);
	}

}
