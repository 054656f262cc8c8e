package io.presign.issuing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.presign.policy.Caller;
import io.presign.policy.MultipartPlan;
import io.presign.policy.PolicyViolation;
import io.presign.policy.PresignPolicy;
import io.presign.policy.Profile;
import io.presign.policy.Rule;
import io.presign.signing.MultipartUploads;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Starts, lists, completes and aborts multipart uploads for callers. Every call re-checks that the caller may
 * write the upload's key, so nobody can list, complete or abort another caller's upload, and every call counts
 * against the caller's rate limit, since each one costs an S3 request.
 */
@Service
public final class MultipartSessions {

	private final PresignPolicy policy;

	private final MultipartUploads uploads;

	private final IssuanceQuota quota;

	/**
	 * @param policy decides what a caller may do
	 * @param uploads the multipart calls to S3
	 * @param quota limits calls per caller and profile
	 */
	public MultipartSessions(PresignPolicy policy, MultipartUploads uploads, IssuanceQuota quota) {
		this.policy = policy;
		this.uploads = uploads;
		this.quota = quota;
	}

	/**
	 * Start a multipart upload.
	 * @param profile the profile name
	 * @param key the key below the caller's prefix
	 * @param contentType the object's Content-Type
	 * @param contentLength the declared total size
	 * @return the plan and the upload id
	 */
	public StartedUpload start(Caller caller, String profile, @Nullable String key, @Nullable String fullKey,
			String contentType, Long contentLength) {
		MultipartPlan plan = this.policy.authorizeMultipartStart(caller, profile, key, fullKey, contentType,
				contentLength);
		this.quota.consume(caller, plan.profile(), 1);
		return new StartedUpload(plan, this.uploads.start(plan));
	}

	/**
	 * One page of the parts uploaded so far.
	 * @param profile the profile name
	 * @param key the upload's full key
	 * @param uploadId the upload
	 * @param partNumberMarker list parts after this number
	 * @return the page
	 */
	public MultipartUploads.PartsPage listParts(Caller caller, String profile, String key, String uploadId,
			@Nullable Integer partNumberMarker) {
		Profile allowed = access(caller, profile, key);
		return this.uploads.listParts(allowed, key, uploadId, partNumberMarker);
	}

	/**
	 * Complete an upload from parts S3 holds, if together they stay within the profile's maximum size. The
	 * parts are assembled with the ETags S3 listed, never with the client's: a part replaced after the
	 * listing no longer matches, and S3 refuses the completion instead of assembling unchecked bytes.
	 * @param profile the profile name
	 * @param key the upload's full key
	 * @param uploadId the upload
	 * @param parts the parts to assemble
	 * @return the stored object
	 */
	public MultipartUploads.CompletedUpload complete(Caller caller, String profile, String key, String uploadId,
			List<MultipartUploads.PartRef> parts) {
		Profile allowed = access(caller, profile, key);
		if (parts == null || parts.isEmpty()) {
			throw new PolicyViolation(Rule.PART_NUMBERS_INVALID, "parts", "Name the parts to assemble");
		}
		Map<Integer, MultipartUploads.UploadedPart> uploaded = uploadedParts(allowed, key, uploadId);
		List<MultipartUploads.PartRef> listed = new ArrayList<>(parts.size());
		long total = 0;
		for (MultipartUploads.PartRef named : parts) {
			MultipartUploads.UploadedPart part = uploaded.get(named.partNumber());
			if (part == null || !sameEtag(part.etag(), named.etag())) {
				throw new PolicyViolation(Rule.PART_NOT_UPLOADED, "parts", "Part " + named.partNumber()
						+ " is not among the parts S3 holds for this upload, or its ETag differs");
			}
			listed.add(new MultipartUploads.PartRef(part.partNumber(), part.etag()));
			total += part.size();
		}
		if (total > allowed.maxContentLength()) {
			throw new PolicyViolation(Rule.CONTENT_LENGTH_TOO_LARGE, "parts",
					"The parts add up to " + total + " bytes, over the profile's " + allowed.maxContentLength(),
					Map.of("maxContentLength", allowed.maxContentLength()));
		}
		return this.uploads.complete(allowed, key, uploadId, listed);
	}

	/**
	 * Abort an upload.
	 * @param profile the profile name
	 * @param key the upload's full key
	 * @param uploadId the upload
	 */
	public void abort(Caller caller, String profile, String key, String uploadId) {
		Profile allowed = access(caller, profile, key);
		this.uploads.abort(allowed, key, uploadId);
	}

	private Profile access(Caller caller, String profile, String key) {
		Profile allowed = this.policy.authorizeMultipartAccess(caller, profile, key);
		this.quota.consume(caller, allowed, 1);
		return allowed;
	}

	/**
	 * Every part S3 holds for the upload, by number: the client's own account cannot be trusted.
	 */
	private Map<Integer, MultipartUploads.UploadedPart> uploadedParts(Profile profile, String key, String uploadId) {
		Map<Integer, MultipartUploads.UploadedPart> uploaded = new HashMap<>();
		Integer marker = null;
		do {
			MultipartUploads.PartsPage page = this.uploads.listParts(profile, key, uploadId, marker);
			page.parts().forEach((part) -> uploaded.put(part.partNumber(), part));
			marker = page.nextPartNumberMarker();
		}
		while (marker != null);
		return uploaded;
	}

	/**
	 * ETags compared without the quotes HTTP puts around them, which clients keep or strip as they like.
	 */
	private static boolean sameEtag(String listed, String named) {
		return listed != null && named != null && unquoted(listed).equals(unquoted(named));
	}

	private static String unquoted(String etag) {
		String trimmed = etag.strip();
		return (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\""))
				? trimmed.substring(1, trimmed.length() - 1) : trimmed;
	}

	/**
	 * A started upload.
	 *
	 * @param uploadId S3's upload id
	 */
	public record StartedUpload(MultipartPlan plan, String uploadId) {
	}

}
