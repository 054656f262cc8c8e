package io.presign.signing;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.presign.policy.ExpiryCap;
import org.jspecify.annotations.Nullable;

/**
 * A signed browser form upload: POST the fields, then the file as the last field named
 * {@code file}.
 *
 * @param url where the form posts to
 * @param fields the form fields, in order, policy and signature included
 * @param lifetime how long the policy lives
 * @param expiresAt when the policy expires
 * @param cappedBy what shortened the lifetime
 */
public record PresignedForm(URI url, Map<String, String> fields, Duration lifetime, Instant expiresAt,
		@Nullable ExpiryCap cappedBy) {
}
