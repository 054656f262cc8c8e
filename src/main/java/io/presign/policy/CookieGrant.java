package io.presign.policy;

import org.jspecify.annotations.Nullable;

/**
 * Signed cookies that policy allowed.
 *
 * @param profile the profile, which delivers through CloudFront
 * @param keyPrefix the full key prefix the cookies cover
 * @param expiry how long the cookies may work
 * @param ipRange the only client addresses they work from
 */
public record CookieGrant(Profile profile, String keyPrefix, Expiry expiry, @Nullable String ipRange) {
}
