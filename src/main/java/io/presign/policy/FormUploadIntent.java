package io.presign.policy;

/**
 * What a caller asks to upload through an HTML form.
 *
 * @param profile the profile name
 * @param key the exact key below the caller's prefix, or {@code null}
 * @param keyPrefix a prefix below the caller's prefix that any file name may follow, or {@code null}
 * @param contentType a concrete media type, or a wildcard such as {@code image/*} the profile allows
 * @param maxContentLength the largest file, or {@code null} for the profile's maximum
 * @param expiresInSeconds the wished expiry, or {@code null}
 */
public record FormUploadIntent(String profile, String key, String keyPrefix, String contentType,
		Long maxContentLength, Long expiresInSeconds) {
}
