package io.presign.policy;

import org.jspecify.annotations.Nullable;

/**
 * What a caller asks to upload through an HTML form.
 *
 * @param profile the profile name
 * @param key the exact key below the caller's prefix
 * @param keyPrefix a prefix below the caller's prefix that any file name may follow
 * @param contentType a concrete media type, or a wildcard such as {@code image/*} the
 * profile allows
 * @param maxContentLength the largest file; none for the profile's maximum
 * @param expiresInSeconds the wished expiry
 */
public record FormUploadIntent(String profile, @Nullable String key, @Nullable String keyPrefix,
		@Nullable String contentType, @Nullable Long maxContentLength, @Nullable Long expiresInSeconds) {
}
