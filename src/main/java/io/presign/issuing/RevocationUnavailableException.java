package io.presign.issuing;

/**
 * The service cannot revoke URLs the way it signs them: no signing role, or a store IAM
 * does not govern.
 */
public final class RevocationUnavailableException extends RuntimeException {

	RevocationUnavailableException(String message) {
		super(message);
	}

}
