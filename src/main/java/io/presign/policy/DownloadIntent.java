package io.presign.policy;

import org.jspecify.annotations.Nullable;

/**
 * What a caller asks to download.
 *
 * @param profile the profile name
 * @param key the key part below the caller's prefix; none when {@code fullKey} is given
 * @param fullKey the full object key (as an upload returned it); none when {@code key} is
 * given
 * @param filename the file name to suggest to browsers
 * @param disposition inline or attachment
 * @param versionId the object version; none for the latest
 * @param expiresInSeconds the wished expiry; none for the profile's default
 * @param ipRange the only client addresses the URL works from, in CIDR notation
 * (CloudFront profiles only)
 */
public record DownloadIntent(String profile, @Nullable String key, @Nullable String fullKey, @Nullable String filename,
		@Nullable Disposition disposition, @Nullable String versionId, @Nullable Long expiresInSeconds,
		@Nullable String ipRange) {

	/**
	 * A download usable from anywhere.
	 */
	public DownloadIntent(String profile, @Nullable String key, @Nullable String fullKey, @Nullable String filename,
			@Nullable Disposition disposition, @Nullable String versionId, @Nullable Long expiresInSeconds) {
		this(profile, key, fullKey, filename, disposition, versionId, expiresInSeconds, null);
	}

	/**
	 * A download named by a key below the caller's prefix.
	 */
	public DownloadIntent(String profile, String key, String filename, Disposition disposition, String versionId,
			Long expiresInSeconds) {
		this(profile, key, null, filename, disposition, versionId, expiresInSeconds);
	}

}
