package io.presign.policy;

/**
 * A checksum of an upload's body, in canonical base64, that S3 checks.
 *
 * @param algorithm how it was computed
 * @param value the digest, base64
 */
public record Checksum(ChecksumAlgorithm algorithm, String value) {
}
