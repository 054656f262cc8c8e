package io.presign.policy;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A request refused by policy: which rule, which field, and the limits a client needs to
 * correct it.
 */
public final class PolicyViolation extends RefusedException {

	/**
	 * Create a violation.
	 * @param rule the rule that was broken
	 * @param field the request field at fault; none when none is
	 * @param detail a human-readable explanation that never echoes secrets
	 */
	public PolicyViolation(Rule rule, @Nullable String field, String detail) {
		this(rule, field, detail, Map.of());
	}

	/**
	 * Create a violation that names the limits in force.
	 * @param rule the rule that was broken
	 * @param field the request field at fault; none when none is
	 * @param detail a human-readable explanation that never echoes secrets
	 * @param limits named limits, for example {@code maxExpirySeconds}
	 */
	public PolicyViolation(Rule rule, @Nullable String field, String detail, Map<String, Object> limits) {
		super(rule, field, detail, limits, null, null);
	}

	/**
	 * @return the limits in force, by name
	 */
	public Map<String, Object> limits() {
		return details();
	}

}
