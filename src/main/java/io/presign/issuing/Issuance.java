package io.presign.issuing;

import java.time.Duration;
import java.time.Instant;

import io.presign.policy.ExpiryCap;
import io.presign.policy.Profile;
import org.jspecify.annotations.Nullable;

/**
 * What observers learn of an issued URL: the facts worth counting and auditing, and never the URL, so that
 * no log or metric can carry a signature, whatever an observer does.
 *
 * @param profile the profile that allowed it
 * @param kind what it allows
 * @param key the full object key, or a form's prefix followed by {@code *}
 * @param lifetime how long it is valid
 * @param expiresAt when it stops working
 * @param cappedBy why it is shorter than asked
 * @param signingTime how long signing took
 */
public record Issuance(Profile profile, UrlKind kind, String key, Duration lifetime, Instant expiresAt,
		@Nullable ExpiryCap cappedBy, Duration signingTime) {
}
