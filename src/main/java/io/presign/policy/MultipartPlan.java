package io.presign.policy;

/**
 * A multipart upload that policy allowed to start.
 *
 * @param profile the profile
 * @param key the full object key
 * @param contentType the object's Content-Type
 * @param contentLength the announced total size, or {@code null}
 * @param partSize the part size to use
 * @param partCount how many parts that makes, or {@code null} when the size is unknown
 */
public record MultipartPlan(Profile profile, String key, String contentType, Long contentLength, long partSize,
		Integer partCount) {
}
