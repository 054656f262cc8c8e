package io.presign.policy;

import org.jspecify.annotations.Nullable;

/**
 * What a caller asks to start: a multipart upload of a declared size.
 *
 * @param profile the profile name
 * @param key the key below the caller's prefix; none when {@code fullKey} is given
 * @param fullKey the full key; none when {@code key} is given
 * @param contentType the object's Content-Type
 * @param contentLength the declared total size, which the part plan follows
 */
public record MultipartStartIntent(String profile, @Nullable String key, @Nullable String fullKey,
		@Nullable String contentType, @Nullable Long contentLength) {
}
