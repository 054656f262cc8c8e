package io.presign.issuing;

import io.presign.policy.MultipartPlan;

/**
 * A multipart upload S3 has created.
 *
 * @param plan the planned key, Content-Type, size and parts
 * @param uploadId S3's upload id
 */
public record StartedUpload(MultipartPlan plan, String uploadId) {
}
