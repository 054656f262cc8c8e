package io.presign.policy;

import org.jspecify.annotations.Nullable;

/**
 * What a caller asks for: CloudFront signed cookies for every object under a prefix.
 *
 * @param profile the profile name
 * @param keyPrefix a prefix below the caller's prefix, empty or ending with '/'; none for
 * the caller's whole prefix
 * @param expiresInSeconds the wished lifetime
 * @param ipRange the only client addresses the cookies work from, in CIDR notation
 */
public record CookieIntent(String profile, @Nullable String keyPrefix, @Nullable Long expiresInSeconds,
		@Nullable String ipRange) {
}
