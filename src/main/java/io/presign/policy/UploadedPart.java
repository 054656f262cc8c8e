package io.presign.policy;

import java.time.Instant;

/**
 * A part S3 holds for a multipart upload, as S3 lists it.
 *
 * @param partNumber its number
 * @param etag its ETag
 * @param size its size in bytes
 * @param lastModified when it was uploaded
 */
public record UploadedPart(int partNumber, String etag, long size, Instant lastModified) {
}
