package io.presign.policy;

import org.jspecify.annotations.Nullable;

/**
 * A multipart upload whose size the caller does not declare, as an upload widget that
 * signs each call before knowing the file asks: its parts are signed without a length, so
 * the profile's maximum size is checked when the service completes it.
 *
 * @param profile the profile, which allows multipart uploads
 * @param key the full key, generated below the caller's prefix
 * @param uploadId the upload, once started
 * @param expiry how long its URLs may live
 */
public record UnsizedUploadGrant(Profile profile, String key, @Nullable String uploadId, Expiry expiry) {
}
