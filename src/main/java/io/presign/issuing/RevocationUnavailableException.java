package io.presign.issuing;

import java.util.Map;

import io.presign.policy.RefusedException;
import io.presign.policy.Rule;

/**
 * The service cannot revoke URLs the way it signs them: no signing role, or a store IAM
 * does not govern.
 */
public final class RevocationUnavailableException extends RefusedException {

	RevocationUnavailableException(String message) {
		super(Rule.REVOCATION_UNAVAILABLE, null, message, Map.of(), null, null);
	}

}
