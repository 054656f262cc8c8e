package io.presign.policy;

/**
 * A browser form upload that policy allowed: the conditions its POST policy must carry.
 *
 * @param profile the profile
 * @param key the exact key, or {@code null} when {@code keyPrefix} is given
 * @param keyPrefix the prefix every key must start with, or {@code null}
 * @param contentType the exact Content-Type, or {@code null} when {@code contentTypePrefix} is given
 * @param contentTypePrefix the prefix the Content-Type must start with, such as {@code image/}, or {@code null}
 * @param maxContentLength the largest file, in bytes
 * @param expiry how long the policy may live
 */
public record FormUploadGrant(Profile profile, String key, String keyPrefix, String contentType,
		String contentTypePrefix, long maxContentLength, Expiry expiry) {
}
