package io.presign.api;

import io.presign.policy.Caller;
import io.presign.policy.PolicyViolation;
import io.presign.policy.Rule;
import io.presign.security.PresignSecurityProperties;

import org.springframework.stereotype.Component;

/**
 * The admin scope's check, for the endpoints that show how the service and its buckets
 * are set up.
 */
@Component
final class AdminAccess {

	private final String adminScope;

	AdminAccess(PresignSecurityProperties properties) {
		this.adminScope = properties.adminScope();
	}

	/**
	 * @param what what the scope is needed for, for the refusal's detail, such as
	 * {@code Diagnostics}
	 * @throws PolicyViolation 403 {@code scope-missing} unless the caller holds the admin
	 * scope
	 */
	void require(Caller caller, String what) {
		if (!caller.holds(this.adminScope)) {
			throw new PolicyViolation(Rule.SCOPE_MISSING, null, what + " require the scope '" + this.adminScope + "'");
		}
	}

}
