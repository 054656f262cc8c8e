package io.presign.signing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.presign.policy.MultipartPlan;
import io.presign.policy.Profile;
import org.jspecify.annotations.Nullable;

/**
 * The multipart calls the service makes itself (only the parts are uploaded by clients,
 * through presigned URLs). Failures S3 attributes to the request raise
 * {@link StorageRejectedException}.
 */
public interface MultipartUploads {

	/**
	 * Start a multipart upload with the planned Content-Type and the profile's
	 * encryption.
	 * @return the upload id
	 */
	default String start(MultipartPlan plan) {
		return start(plan.profile(), plan.key(), plan.contentType());
	}

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
	 * Every part S3 holds for the upload, all pages of them.
	 * @return the parts, in S3's order
	 */
	default List<UploadedPart> allParts(Profile profile, String key, String uploadId) {
		List<UploadedPart> parts = new ArrayList<>();
		Integer marker = null;
		do {
			PartsPage page = listParts(profile, key, uploadId, marker);
			parts.addAll(page.parts());
			marker = page.nextPartNumberMarker();
		}
		while (marker != null);
		return parts;
	}

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
	 * An uploaded part.
	 *
	 * @param partNumber its number
	 * @param etag its ETag
	 * @param size its size in bytes
	 * @param lastModified when it was uploaded
	 */
	record UploadedPart(int partNumber, String etag, long size, Instant lastModified) {
	}

	/**
	 * A page of parts.
	 *
	 * @param nextPartNumberMarker the marker of the next page
	 * @param truncated whether more parts follow
	 */
	record PartsPage(List<UploadedPart> parts, @Nullable Integer nextPartNumberMarker, boolean truncated) {
	}

	/**
	 * A part to assemble.
	 *
	 * @param partNumber its number
	 * @param etag the ETag its upload returned
	 */
	record PartRef(int partNumber, String etag) {
	}

	/**
	 * A completed object.
	 *
	 * @param etag the object's ETag
	 * @param location the object's URL, as S3 reports it
	 */
	record CompletedUpload(String bucket, String key, String etag, String location) {
	}

}
