package io.presign.policy;

/**
 * What a caller asks to upload.
 *
 * @param profile the profile name
 * @param key the key part below the caller's prefix (on profiles that generate keys, only its extension is
 * used), or {@code null} when {@code fullKey} is given
 * @param fullKey the full object key, or {@code null} when {@code key} is given
 * @param contentType the media type the client will send
 * @param contentLength the exact size the client will send, in bytes
 * @param expiresInSeconds the wished expiry, or {@code null} for the profile's default
 */
public record UploadIntent(String profile, String key, String fullKey, String contentType, Long contentLength,
		Long expiresInSeconds) {

	/**
	 * An upload named by a key below the caller's prefix.
	 */
	public UploadIntent(String profile, String key, String contentType, Long contentLength, Long expiresInSeconds) {
		this(profile, key, null, contentType, contentLength, expiresInSeconds);
	}

}
