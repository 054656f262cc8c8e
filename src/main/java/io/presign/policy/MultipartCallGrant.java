package io.presign.policy;

/**
 * A call on an existing multipart upload that policy allowed the caller to make on S3
 * itself.
 *
 * @param profile the profile
 * @param key the upload's full key, within the caller's prefix
 * @param uploadId the upload
 * @param call what the URL may do
 * @param expiry how long the URL may live
 */
public record MultipartCallGrant(Profile profile, String key, String uploadId, Call call, Expiry expiry) {

	/**
	 * A multipart call other than uploading a part.
	 */
	public enum Call {

		/** ListParts: GET with the upload id. */
		LIST_PARTS,

		/** AbortMultipartUpload: DELETE with the upload id. */
		ABORT

	}

}
