package io.presign.signing;

import java.time.Duration;
import java.util.Map;

import io.presign.policy.RefusedException;
import io.presign.policy.Rule;

/**
 * No URL can be signed right now, for example because credentials cannot be resolved. The
 * fault is the service's, not the client's.
 */
public final class SigningUnavailableException extends RefusedException {

	/**
	 * @param message what failed, without secrets, for the log
	 * @param cause the underlying failure
	 */
	public SigningUnavailableException(String message, Throwable cause) {
		super(Rule.SIGNING_UNAVAILABLE, null, message, Map.of(), Duration.ofSeconds(5), cause);
	}

	@Override
	public String detail() {
		return "No URL can be signed right now; try again shortly";
	}

}
