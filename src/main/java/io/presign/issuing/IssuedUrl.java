package io.presign.issuing;

import io.presign.policy.Profile;
import io.presign.signing.PresignedUrl;
import io.presign.signing.StoredObject;
import org.jspecify.annotations.Nullable;

/**
 * A URL handed to a caller, with the policy facts behind it.
 *
 * @param profile the profile that allowed it
 * @param kind what it allows
 * @param key the full object key
 * @param url the signed request
 * @param object what S3 said of the object, where the profile asked it before issuing a
 * download
 */
public record IssuedUrl(Profile profile, UrlKind kind, String key, PresignedUrl url, @Nullable StoredObject object) {

	public IssuedUrl(Profile profile, UrlKind kind, String key, PresignedUrl url) {
		this(profile, kind, key, url, null);
	}

	IssuedUrl withObject(@Nullable StoredObject stored) {
		return new IssuedUrl(this.profile, this.kind, this.key, this.url, stored);
	}

}
