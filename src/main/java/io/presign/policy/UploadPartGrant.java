package io.presign.policy;

/**
 * One part of a multipart upload that policy allowed to be uploaded, with the exact size its URL signs.
 *
 * @param key the full object key
 * @param uploadId the multipart upload
 * @param partNumber the part, 1 to 10,000
 * @param contentLength the part's planned size: S3 refuses a body of any other length
 * @param expiry how long the URL may live
 */
public record UploadPartGrant(Profile profile, String key, String uploadId, int partNumber, long contentLength,
		Expiry expiry) {
}
