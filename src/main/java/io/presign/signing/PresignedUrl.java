package io.presign.signing;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import io.presign.policy.ExpiryCap;
import org.jspecify.annotations.Nullable;

/**
 * A signed request, and exactly what its user must send with it.
 *
 * @param method the HTTP method that was signed
 * @param url the URL, signature included
 * @param headers every signed header the client must send unchanged, {@code Host}
 * excepted, in the order of their names
 * @param lifetime the lifetime signed into the URL
 * @param expiresAt when the URL stops working
 * @param cappedBy what shortened the lifetime below the caller's wish
 */
public record PresignedUrl(String method, String url, Map<String, String> headers, Duration lifetime, Instant expiresAt,
		@Nullable ExpiryCap cappedBy) {

	public PresignedUrl {
		// In the order given (the signer's: by name), not Map.copyOf's, which changes
		// from
		// run to run: one answer is one byte sequence.
		headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
	}

}
