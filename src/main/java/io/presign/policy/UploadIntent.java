package io.presign.policy;

import org.jspecify.annotations.Nullable;

/**
 * What a caller asks to upload.
 *
 * @param profile the profile name
 * @param key the key part below the caller's prefix (on profiles that generate keys, only
 * its extension is used); none when {@code fullKey} is given
 * @param fullKey the full object key; none when {@code key} is given
 * @param contentType the media type the client will send
 * @param contentLength the exact size the client will send, in bytes
 * @param expiresInSeconds the wished expiry; none for the profile's default
 * @param contentMd5 the base64 MD5 of the body, to be signed in
 * @param checksumSha256 the base64 SHA-256 of the body, to be signed in
 */
public record UploadIntent(String profile, @Nullable String key, @Nullable String fullKey, @Nullable String contentType,
		@Nullable Long contentLength, @Nullable Long expiresInSeconds, @Nullable String contentMd5,
		@Nullable String checksumSha256) {

	/**
	 * An upload named by a key below the caller's prefix, without checksums.
	 */
	public UploadIntent(String profile, String key, String contentType, Long contentLength, Long expiresInSeconds) {
		this(profile, key, null, contentType, contentLength, expiresInSeconds, null, null);
	}

	/**
	 * An upload without checksums.
	 */
	public UploadIntent(String profile, String key, String fullKey, String contentType, Long contentLength,
			Long expiresInSeconds) {
		this(profile, key, fullKey, contentType, contentLength, expiresInSeconds, null, null);
	}

}
