package io.presign.policy;

import org.jspecify.annotations.Nullable;

/**
 * A browser form upload that policy allowed: the conditions its POST policy must carry.
 *
 * @param key the exact key; none when {@code keyPrefix} is given
 * @param keyPrefix the prefix every key must start with
 * @param contentType the exact Content-Type; none when {@code contentTypePrefix} is given
 * @param contentTypePrefix the prefix the Content-Type must start with, such as
 * {@code image/}
 * @param maxContentLength the largest file, in bytes
 * @param expiry how long the policy may live
 */
public record FormUploadGrant(Profile profile, @Nullable String key, @Nullable String keyPrefix,
		@Nullable String contentType, @Nullable String contentTypePrefix, long maxContentLength, Expiry expiry) {
}
