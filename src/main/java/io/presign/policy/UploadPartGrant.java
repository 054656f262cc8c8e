package io.presign.policy;

import org.jspecify.annotations.Nullable;

/**
 * One part of a multipart upload that policy allowed to be uploaded, with the exact size
 * its URL signs.
 *
 * @param key the full object key
 * @param uploadId the multipart upload
 * @param partNumber the part, 1 to 10,000
 * @param contentLength the part's planned size, which S3 then requires of the body; none
 * for a part of an upload whose size the service learns only at completion (which then
 * checks the total)
 * @param expiry how long the URL may live
 * @param checksum the part's checksum, which S3 then requires of the body; none for an
 * upload without a checksum
 */
public record UploadPartGrant(Profile profile, String key, String uploadId, int partNumber,
		@Nullable Long contentLength, Expiry expiry, @Nullable Checksum checksum) {

	/**
	 * A part of an upload without a checksum.
	 */
	public UploadPartGrant(Profile profile, String key, String uploadId, int partNumber, @Nullable Long contentLength,
			Expiry expiry) {
		this(profile, key, uploadId, partNumber, contentLength, expiry, null);
	}

}
