package io.presign.policy;

import org.jspecify.annotations.Nullable;

/**
 * A download that policy allowed, with everything the signer needs.
 *
 * @param profile the profile that allowed it
 * @param key the full object key
 * @param versionId the object version
 * @param contentDisposition the response Content-Disposition to sign
 * @param expiry how long the URL may live, and the shortest lifetime still worth issuing
 * @param ipRange the only client addresses the URL works from (CloudFront profiles only)
 * @param responseContentType the response Content-Type to sign
 */
public record DownloadGrant(Profile profile, String key, @Nullable String versionId,
		@Nullable String contentDisposition, Expiry expiry, @Nullable String ipRange,
		@Nullable String responseContentType) {

	/**
	 * A download with S3's own Content-Type.
	 */
	public DownloadGrant(Profile profile, String key, @Nullable String versionId, @Nullable String contentDisposition,
			Expiry expiry, @Nullable String ipRange) {
		this(profile, key, versionId, contentDisposition, expiry, ipRange, null);
	}

	/**
	 * A download usable from anywhere.
	 */
	public DownloadGrant(Profile profile, String key, @Nullable String versionId, @Nullable String contentDisposition,
			Expiry expiry) {
		this(profile, key, versionId, contentDisposition, expiry, null);
	}

}
