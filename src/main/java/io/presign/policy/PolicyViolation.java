package io.presign.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A request refused by policy: which rule, which field, and the limits a client needs to
 * correct it.
 */
public final class PolicyViolation extends RuntimeException {

	private final Rule rule;

	private final @Nullable String field;

	private final Map<String, Object> limits;

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
		super(detail, null, false, false);
		this.rule = rule;
		this.field = field;
		this.limits = Collections.unmodifiableMap(new LinkedHashMap<>(limits));
	}

	public Rule rule() {
		return this.rule;
	}

	public @Nullable String field() {
		return this.field;
	}

	public Map<String, Object> limits() {
		return this.limits;
	}

}
