package io.presign.signing;

/**
 * No URL can be signed right now, for example because credentials cannot be resolved. The
 * fault is the service's, not the client's.
 */
public final class SigningUnavailableException extends RuntimeException {

	/**
	 * @param message what failed, without secrets
	 * @param cause the underlying failure
	 */
	public SigningUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
