package io.presign.signing;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

/**
 * A signed request, and exactly what its user must send with it.
 *
 * @param method the HTTP method that was signed
 * @param url the URL, signature included
 * @param headers every signed header the client must send unchanged, {@code Host} excepted
 * @param expiresAt when the URL stops working
 */
public record PresignedUrl(String method, URI url, Map<String, String> headers, Instant expiresAt) {

	public PresignedUrl {
		headers = Map.copyOf(headers);
	}

}
