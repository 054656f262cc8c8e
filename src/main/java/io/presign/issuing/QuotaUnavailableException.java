package io.presign.issuing;

import org.jspecify.annotations.Nullable;

/**
 * The shared rate-limit store cannot answer, and the deployment chose to refuse rather
 * than issue uncounted.
 */
public final class QuotaUnavailableException extends RuntimeException {

	QuotaUnavailableException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
