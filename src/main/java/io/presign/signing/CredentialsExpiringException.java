package io.presign.signing;

import java.time.Duration;
import java.util.Map;

import io.presign.policy.RefusedException;
import io.presign.policy.Rule;

/**
 * The signing credentials end too soon for a URL worth issuing, even after a refresh.
 * Retrying later, once they are renewed, will succeed.
 */
public final class CredentialsExpiringException extends RefusedException {

	public CredentialsExpiringException(String message, Duration retryAfter) {
		super(Rule.SIGNING_CREDENTIALS_EXPIRING, null, message, Map.of(), retryAfter, null);
	}

}
