package io.presign.issuing;

import io.presign.policy.Profile;
import io.presign.signing.PresignedUrl;

/**
 * A URL handed to a caller, with the policy facts behind it.
 *
 * @param profile the profile that allowed it
 * @param kind what it allows
 * @param key the full object key
 * @param url the signed request
 */
public record IssuedUrl(Profile profile, UrlKind kind, String key, PresignedUrl url) {
}
