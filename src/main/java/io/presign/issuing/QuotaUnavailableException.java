package io.presign.issuing;

/**
 * The shared rate-limit store cannot answer, and the deployment chose to refuse rather than issue uncounted.
 */
public final class QuotaUnavailableException extends RuntimeException {

	QuotaUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
