package io.presign.policy;

/**
 * What a caller asks to download.
 *
 * @param profile the profile name
 * @param key the key part below the caller's prefix, or {@code null} when {@code fullKey} is given
 * @param fullKey the full object key (as an upload returned it), or {@code null} when {@code key} is given
 * @param filename the file name to suggest to browsers, or {@code null}
 * @param disposition inline or attachment, or {@code null}
 * @param versionId the object version, or {@code null} for the latest
 * @param expiresInSeconds the wished expiry, or {@code null} for the profile's default
 */
public record DownloadIntent(String profile, String key, String fullKey, String filename, Disposition disposition,
		String versionId, Long expiresInSeconds) {

	/**
	 * A download named by a key below the caller's prefix.
	 */
	public DownloadIntent(String profile, String key, String filename, Disposition disposition, String versionId,
			Long expiresInSeconds) {
		this(profile, key, null, filename, disposition, versionId, expiresInSeconds);
	}

}
