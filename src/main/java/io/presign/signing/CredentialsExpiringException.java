package io.presign.signing;

import java.time.Duration;

/**
 * The signing credentials end too soon for a URL worth issuing, even after a refresh.
 * Retrying later, once they are renewed, will succeed.
 */
public final class CredentialsExpiringException extends RuntimeException {

	private final Duration retryAfter;

	/**
	 * @param message what is left, without secrets
	 * @param retryAfter when a retry is likely to succeed
	 */
	public CredentialsExpiringException(String message, Duration retryAfter) {
		super(message, null, false, false);
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

}
