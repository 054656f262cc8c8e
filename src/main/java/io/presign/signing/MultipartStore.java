package io.presign.signing;

import java.util.List;

import io.presign.policy.ChecksumAlgorithm;
import io.presign.policy.MultipartCompletion;
import io.presign.policy.ObjectStamp;
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
	 * Start a multipart upload with a Content-Type policy allowed, the profile's
	 * encryption and what the object must carry (metadata, tags, storage class, a
	 * checksum of the whole object).
	 * @param checksumAlgorithm the CRC of each part and of the whole object; none for no
	 * checksum
	 * @return the upload id
	 */
	String start(Profile profile, String key, @Nullable String contentType, ObjectStamp stamp,
			@Nullable ChecksumAlgorithm checksumAlgorithm);

	/**
	 * One page of the parts uploaded so far.
	 * @param uploadId the upload
	 * @param partNumberMarker list parts after this number
	 * @return the page
	 */
	PartsPage listParts(Profile profile, String key, String uploadId, @Nullable Integer partNumberMarker);

	/**
	 * Complete an upload; on a create-only profile only if no object exists under the key
	 * ({@code If-None-Match: *}); with a checksum of the whole object only if it is the
	 * one S3 combines from the parts'.
	 * @param uploadId the upload
	 * @param completion the parts, with the ETags and checksums S3 listed, and the whole
	 * object's checksum
	 * @return the stored object
	 */
	CompletedUpload complete(Profile profile, String key, String uploadId, MultipartCompletion completion);

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
