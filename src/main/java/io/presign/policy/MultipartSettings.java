package io.presign.policy;

/**
 * Whether a profile allows multipart uploads, and the part sizes it plans with.
 *
 * @param enabled whether multipart uploads are allowed
 * @param minPartSize the smallest part, at least S3's 5 MiB
 * @param maxPartSize the largest part, at most S3's 5 GiB
 */
public record MultipartSettings(boolean enabled, long minPartSize, long maxPartSize) {

	/** S3's smallest part (all but the last). */
	public static final long S3_MIN_PART = 5L * 1024 * 1024;

	/** S3's largest part. */
	public static final long S3_MAX_PART = 5L * 1024 * 1024 * 1024;

	/** S3's most parts per upload. */
	public static final int S3_MAX_PARTS = 10_000;

	/** Multipart uploads not allowed. */
	public static final MultipartSettings DISABLED = new MultipartSettings(false, S3_MIN_PART, S3_MAX_PART);

	public MultipartSettings {
		if (minPartSize < S3_MIN_PART || maxPartSize > S3_MAX_PART || minPartSize > maxPartSize) {
			throw new IllegalArgumentException("part sizes must satisfy 5MB <= min-part-size <= max-part-size <= 5GB");
		}
	}

	/**
	 * The part size for an upload of known size: the smallest that keeps to 10,000 parts,
	 * rounded up to whole MiB, and no smaller than the minimum.
	 * @param contentLength the total size
	 * @return the part size
	 */
	public long partSizeFor(long contentLength) {
		long mib = 1024L * 1024;
		long needed = (contentLength + S3_MAX_PARTS - 1) / S3_MAX_PARTS;
		long rounded = ((needed + mib - 1) / mib) * mib;
		return Math.min(this.maxPartSize, Math.max(this.minPartSize, rounded));
	}

}
