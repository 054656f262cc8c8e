package io.presign.issuing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.presign.policy.ExpiryCap;
import io.presign.policy.Profile;
import org.jspecify.annotations.Nullable;

/**
 * What observers learn of one request's URLs: the facts worth counting and auditing, and
 * never a URL, so that no log or metric can carry a signature, whatever an observer does.
 * A batch is one issuance: its URLs share profile, kind, signing credentials and
 * lifetime.
 *
 * @param profile the profile that allowed them
 * @param kind what they allow
 * @param keys the full object key of each URL, in order; a form's prefix followed by
 * {@code *}
 * @param lifetime how long they are valid
 * @param expiresAt when they stop working
 * @param cappedBy why they are shorter than asked
 * @param signingTime how long signing all of them took
 */
public record Issuance(Profile profile, UrlKind kind, List<String> keys, Duration lifetime, Instant expiresAt,
		@Nullable ExpiryCap cappedBy, Duration signingTime) {

	public Issuance {
		keys = List.copyOf(keys);
		if (keys.isEmpty()) {
			throw new IllegalArgumentException("An issuance has at least one URL");
		}
	}

	/**
	 * @return how many URLs were issued
	 */
	public int urlCount() {
		return this.keys.size();
	}

}
