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
 * @param checksumAlgorithm the CRC the object is to carry, of each part and of the whole;
 * none for no checksum, unless the profile requires one
 */
public record MultipartStartIntent(String profile, @Nullable String key, @Nullable String fullKey,
		@Nullable String contentType, @Nullable Long contentLength, @Nullable String checksumAlgorithm) {

	/**
	 * An upload without a checksum.
	 */
	public MultipartStartIntent(String profile, @Nullable String key, @Nullable String fullKey,
			@Nullable String contentType, @Nullable Long contentLength) {
		this(profile, key, fullKey, contentType, contentLength, null);
	}

}
