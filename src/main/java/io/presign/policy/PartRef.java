package io.presign.policy;

/**
 * A part of a multipart upload to assemble.
 *
 * @param partNumber its number
 * @param etag the ETag its upload returned
 */
public record PartRef(int partNumber, String etag) {
}
