package io.presign.api.problem;

import org.springframework.http.HttpStatus;

/**
 * The refusals of the web layer itself, which no {@link io.presign.policy.Rule} makes: a
 * request the service cannot read, a caller it cannot identify, a failure of its own.
 */
public enum WebRefusal {

	/** A body over the configured size. */
	REQUEST_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "request-too-large", "A body over the configured size"),

	/** A body not declared as JSON. */
	UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
			"A body not declared application/json"),

	/** No valid credentials. */
	UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "unauthenticated", "No valid bearer token or API key"),

	/**
	 * Authenticated, but not allowed by Spring Security's own rules (the actuator on the
	 * API port).
	 */
	FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden", "The caller may not do this"),

	/**
	 * A bearer token cannot be verified because the identity provider's keys cannot be
	 * fetched.
	 */
	IDENTITY_PROVIDER_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "identity-provider-unavailable",
			"The identity provider's keys cannot be fetched"),

	/** A failure of the service itself. */
	INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "A failure of the service itself");

	private final HttpStatus status;

	private final String code;

	private final String meaning;

	WebRefusal(HttpStatus status, String code, String meaning) {
		this.status = status;
		this.code = code;
		this.meaning = meaning;
	}

	HttpStatus status() {
		return this.status;
	}

	String code() {
		return this.code;
	}

	String meaning() {
		return this.meaning;
	}

}
