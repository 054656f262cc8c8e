package io.presign.policy;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A request the service refuses, for one {@link Rule}: the base of every refusal any
 * layer raises, so that the API answers them all from one table (the rule gives the
 * status and code, the refusal the rest).
 */
public abstract class RefusedException extends RuntimeException {

	private final Rule rule;

	private final @Nullable String field;

	private final Map<String, Object> details;

	private final @Nullable Duration retryAfter;

	/**
	 * @param rule the rule that refuses
	 * @param field the request field at fault; none when none is
	 * @param message what happened, for the log; shown to the caller unless
	 * {@link #detail()} says otherwise, so it never holds a secret
	 * @param details named facts a client needs to correct or retry the request, such as
	 * {@code maxContentLength}
	 * @param retryAfter when a retry may succeed; none when only a changed request can
	 * @param cause the underlying failure, or none
	 */
	protected RefusedException(Rule rule, @Nullable String field, String message, Map<String, Object> details,
			@Nullable Duration retryAfter, @Nullable Throwable cause) {
		// A refusal of the caller's request is not a failure of the service: no stack
		// trace unless there is a cause.
		super(message, cause, false, cause != null);
		this.rule = rule;
		this.field = field;
		this.details = details.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
		this.retryAfter = retryAfter;
	}

	public Rule rule() {
		return this.rule;
	}

	public @Nullable String field() {
		return this.field;
	}

	/**
	 * @return the facts a client needs, by name
	 */
	public Map<String, Object> details() {
		return this.details;
	}

	/**
	 * @return when a retry may succeed; none when only a changed request can
	 */
	public @Nullable Duration retryAfter() {
		return this.retryAfter;
	}

	/**
	 * @return what the caller is told: the message, unless it holds what only the log may
	 */
	public String detail() {
		String message = getMessage();
		return (message != null) ? message : this.rule.meaning();
	}

}
