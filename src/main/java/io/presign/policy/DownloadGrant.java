package io.presign.policy;

/**
 * A download that policy allowed, with everything the signer needs.
 *
 * @param profile the profile that allowed it
 * @param key the full object key
 * @param versionId the object version, or {@code null}
 * @param contentDisposition the response Content-Disposition to sign, or {@code null}
 * @param expiry how long the URL may live, and the shortest lifetime still worth issuing
 */
public record DownloadGrant(Profile profile, String key, String versionId, String contentDisposition,
		Expiry expiry) {
}
