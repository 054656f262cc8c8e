package io.presign.policy;

import org.jspecify.annotations.Nullable;

/**
 * An upload that policy allowed, with everything the signer needs.
 *
 * @param profile the profile that allowed it
 * @param key the full object key
 * @param contentType the Content-Type to sign
 * @param contentLength the Content-Length to sign
 * @param expiry how long the URL may live, and the shortest lifetime still worth issuing
 * @param contentMd5 the Content-MD5 to sign
 * @param checksumSha256 the x-amz-checksum-sha256 to sign
 * @param stamp what the object must carry, signed in too
 */
public record UploadGrant(Profile profile, String key, String contentType, long contentLength, Expiry expiry,
		@Nullable String contentMd5, @Nullable String checksumSha256, ObjectStamp stamp) {

	/**
	 * An upload that stamps nothing on its object.
	 */
	public UploadGrant(Profile profile, String key, String contentType, long contentLength, Expiry expiry,
			@Nullable String contentMd5, @Nullable String checksumSha256) {
		this(profile, key, contentType, contentLength, expiry, contentMd5, checksumSha256, ObjectStamp.NONE);
	}

	/**
	 * An upload without checksums.
	 */
	public UploadGrant(Profile profile, String key, String contentType, long contentLength, Expiry expiry) {
		this(profile, key, contentType, contentLength, expiry, null, null);
	}

}
