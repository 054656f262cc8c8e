package io.presign.issuing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.presign.policy.Caller;
import io.presign.policy.MultipartPlan;
import io.presign.policy.PolicyViolation;
import io.presign.policy.PresignPolicy;
import io.presign.policy.Profile;
import io.presign.policy.Rule;
import io.presign.signing.MultipartUploads;

import org.springframework.stereotype.Service;

/**
 * Starts, lists, completes and aborts multipart uploads for callers. Every call re-checks that the caller may
 * write the upload's key, so nobody can list, complete or abort another caller's upload.
 */
@Service
public final class MultipartSessions {

	private final PresignPolicy policy;

	private final MultipartUploads uploads;

	/**
	 * @param policy decides what a caller may do
	 * @param uploads the multipart calls to S3
	 */
	public MultipartSessions(PresignPolicy policy, MultipartUploads uploads) {
		this.policy = policy;
		this.uploads = uploads;
	}

	/**
	 * Start a multipart upload.
	 * @param caller the caller
	 * @param profile the profile name
	 * @param key the key below the caller's prefix, or {@code null}
	 * @param fullKey the full key, or {@code null}
	 * @param contentType the object's Content-Type
	 * @param contentLength the announced total size, or {@code null}
	 * @return the plan and the upload id
	 */
	public StartedUpload start(Caller caller, String profile, String key, String fullKey, String contentType,
			Long contentLength) {
		MultipartPlan plan = this.policy.authorizeMultipartStart(caller, profile, key, fullKey, contentType,
				contentLength);
		return new StartedUpload(plan, this.uploads.start(plan));
	}

	/**
	 * One page of the parts uploaded so far.
	 * @param caller the caller
	 * @param profile the profile name
	 * @param key the upload's full key
	 * @param uploadId the upload
	 * @param partNumberMarker list parts after this number, or {@code null}
	 * @return the page
	 */
	public MultipartUploads.PartsPage listParts(Caller caller, String profile, String key, String uploadId,
			Integer partNumberMarker) {
		Profile allowed = this.policy.authorizeMultipartAccess(caller, profile, key);
		return this.uploads.listParts(allowed, key, uploadId, partNumberMarker);
	}

	/**
	 * Complete an upload, if its parts together stay within the profile's maximum size.
	 * @param caller the caller
	 * @param profile the profile name
	 * @param key the upload's full key
	 * @param uploadId the upload
	 * @param parts the parts to assemble
	 * @return the stored object
	 */
	public MultipartUploads.CompletedUpload complete(Caller caller, String profile, String key, String uploadId,
			List<MultipartUploads.PartRef> parts) {
		Profile allowed = this.policy.authorizeMultipartAccess(caller, profile, key);
		if (parts == null || parts.isEmpty()) {
			throw new PolicyViolation(Rule.PART_NUMBERS_INVALID, "parts", "Name the parts to assemble");
		}
		long total = uploadedSize(allowed, key, uploadId, parts);
		if (total > allowed.maxContentLength()) {
			throw new PolicyViolation(Rule.CONTENT_LENGTH_TOO_LARGE, "parts",
					"The parts add up to " + total + " bytes, over the profile's " + allowed.maxContentLength(),
					Map.of("maxContentLength", allowed.maxContentLength()));
		}
		return this.uploads.complete(allowed, key, uploadId, parts);
	}

	/**
	 * Abort an upload.
	 * @param caller the caller
	 * @param profile the profile name
	 * @param key the upload's full key
	 * @param uploadId the upload
	 */
	public void abort(Caller caller, String profile, String key, String uploadId) {
		Profile allowed = this.policy.authorizeMultipartAccess(caller, profile, key);
		this.uploads.abort(allowed, key, uploadId);
	}

	/**
	 * The size of the named parts as uploaded: the client's own count cannot be trusted.
	 */
	private long uploadedSize(Profile profile, String key, String uploadId, List<MultipartUploads.PartRef> parts) {
		List<MultipartUploads.UploadedPart> uploaded = new ArrayList<>();
		Integer marker = null;
		do {
			MultipartUploads.PartsPage page = this.uploads.listParts(profile, key, uploadId, marker);
			uploaded.addAll(page.parts());
			marker = page.nextPartNumberMarker();
		}
		while (marker != null);
		return uploaded.stream()
			.filter((part) -> parts.stream().anyMatch((named) -> named.partNumber() == part.partNumber()))
			.mapToLong(MultipartUploads.UploadedPart::size)
			.sum();
	}

	/**
	 * A started upload.
	 *
	 * @param plan the plan
	 * @param uploadId S3's upload id
	 */
	public record StartedUpload(MultipartPlan plan, String uploadId) {
	}

}
