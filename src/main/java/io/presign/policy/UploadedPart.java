package io.presign.policy;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A part S3 holds for a multipart upload, as S3 lists it.
 *
 * @param partNumber its number
 * @param etag its ETag
 * @param size its size in bytes
 * @param lastModified when it was uploaded
 * @param checksum the checksum S3 checked the part's body against; none for a part
 * uploaded without one
 */
public record UploadedPart(int partNumber, String etag, long size, Instant lastModified, @Nullable Checksum checksum) {

	/**
	 * A part uploaded without a checksum.
	 */
	public UploadedPart(int partNumber, String etag, long size, Instant lastModified) {
		this(partNumber, etag, size, lastModified, null);
	}

	/**
	 * @param checksum the checksum to complete the part with, or none
	 * @return the same part with that checksum
	 */
	UploadedPart withChecksum(@Nullable Checksum checksum) {
		return new UploadedPart(this.partNumber, this.etag, this.size, this.lastModified, checksum);
	}

}
