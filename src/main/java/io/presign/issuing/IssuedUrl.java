package io.presign.issuing;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.presign.policy.ExpiryCap;
import io.presign.policy.Profile;
import io.presign.signing.PresignedUrl;
import io.presign.signing.StoredObject;
import org.jspecify.annotations.Nullable;

/**
 * A URL handed to a caller, with the policy facts behind it and what S3 said of the
 * object.
 *
 * @param profile the profile that allowed it
 * @param kind what it allows
 * @param key the full object key
 * @param method the HTTP method it signs
 * @param url the URL, signature included
 * @param headers every signed header the client must send unchanged, {@code Host}
 * excepted
 * @param lifetime the lifetime signed into it
 * @param expiresAt when it stops working
 * @param cappedBy what shortened the lifetime below the caller's wish
 * @param object what S3 holds under the key, where the profile asked it before issuing a
 * download
 */
public record IssuedUrl(Profile profile, UrlKind kind, String key, String method, String url,
		Map<String, String> headers, Duration lifetime, Instant expiresAt, @Nullable ExpiryCap cappedBy,
		@Nullable ObjectFacts object) {

	static IssuedUrl of(Profile profile, UrlKind kind, String key, PresignedUrl url) {
		return new IssuedUrl(profile, kind, key, url.method(), url.url(), url.headers(), url.lifetime(),
				url.expiresAt(), url.cappedBy(), null);
	}

	IssuedUrl withObject(@Nullable StoredObject stored) {
		return (stored == null) ? this
				: new IssuedUrl(this.profile, this.kind, this.key, this.method, this.url, this.headers, this.lifetime,
						this.expiresAt, this.cappedBy,
						new ObjectFacts(stored.contentLength(), stored.contentType(), stored.lastModified()));
	}

	/**
	 * What S3 holds under a key.
	 *
	 * @param contentLength its size in bytes
	 * @param contentType its Content-Type, where S3 has one
	 * @param lastModified when it was last written
	 */
	public record ObjectFacts(long contentLength, @Nullable String contentType, @Nullable Instant lastModified) {
	}

}
