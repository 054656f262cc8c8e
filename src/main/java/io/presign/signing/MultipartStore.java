package io.presign.signing;

import java.util.List;

import io.presign.policy.PartRef;
import io.presign.policy.Profile;
import io.presign.policy.UploadedPart;
import org.jspecify.annotations.Nullable;

/**
 * The multipart calls the service makes to S3 itself (clients upload only the parts,
 * through presigned URLs). Failures S3 attributes to the request raise
 * {@link StorageRejectedException}.
 */
public interface MultipartStore {

	/**
	 * Start a multipart upload with a Content-Type policy allowed and the profile's
	 * encryption.
	 * @return the upload id
	 */
	String start(Profile profile, String key, @Nullable String contentType);

	/**
	 * One page of the parts uploaded so far.
	 * @param uploadId the upload
	 * @param partNumberMarker list parts after this number
	 * @return the page
	 */
	PartsPage listParts(Profile profile, String key, String uploadId, @Nullable Integer partNumberMarker);

	/**
	 * Complete an upload.
	 * @param uploadId the upload
	 * @param parts the parts, with the ETags their uploads returned
	 * @return the stored object
	 */
	CompletedUpload complete(Profile profile, String key, String uploadId, List<PartRef> parts);

	/**
	 * Abort an upload, discarding its parts.
	 * @param uploadId the upload
	 */
	void abort(Profile profile, String key, String uploadId);

	/**
	 * A page of parts.
	 *
	 * @param parts the parts of the page
	 * @param nextPartNumberMarker the marker of the next page
	 * @param truncated whether more parts follow
	 */
	record PartsPage(List<UploadedPart> parts, @Nullable Integer nextPartNumberMarker, boolean truncated) {
	}

	/**
	 * A completed object.
	 *
	 * @param bucket its bucket
	 * @param key its key
	 * @param etag the object's ETag
	 * @param location the object's URL, as S3 reports it
	 */
	record CompletedUpload(String bucket, String key, String etag, String location) {
	}

}
