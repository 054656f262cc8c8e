package io.presign.policy;

/**
 * An upload that policy allowed, with everything the signer needs.
 *
 * @param profile the profile that allowed it
 * @param key the full object key
 * @param contentType the Content-Type to sign
 * @param contentLength the Content-Length to sign
 * @param expiry how long the URL may live, and the shortest lifetime still worth issuing
 */
public record UploadGrant(Profile profile, String key, String contentType, long contentLength, Expiry expiry) {
}
