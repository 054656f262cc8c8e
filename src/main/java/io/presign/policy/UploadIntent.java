package io.presign.policy;

/**
 * What a caller asks to upload.
 *
 * @param profile the profile name
 * @param key the key part below the caller's prefix
 * @param contentType the media type the client will send
 * @param contentLength the exact size the client will send, in bytes
 * @param expiresInSeconds the wished expiry, or {@code null} for the profile's default
 */
public record UploadIntent(String profile, String key, String contentType, Long contentLength,
		Long expiresInSeconds) {
}
