package io.presign.api.problem;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds every problem document the service sends: a stable {@code type} made of the
 * code, a title from the code, and the field at fault.
 */
final class Problems {

	/** Every problem type is this prefix followed by the problem's code. */
	static final String TYPE_PREFIX = "urn:presign:problem:";

	private Problems() {
	}

	static ProblemDetail of(ProblemType type, String detail, @Nullable String field) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
		stamp(problem, type.code());
		if (field != null) {
			problem.setProperty("field", field);
		}
		return problem;
	}

	/**
	 * The problem document the API description shows for a type, built as a real one is.
	 */
	static ProblemDetail example(ProblemType type) {
		ProblemExamples.Example example = ProblemExamples.of(type.code());
		ProblemDetail problem = of(type, example.detail(), example.field());
		example.extras().forEach(problem::setProperty);
		problem.setInstance(URI.create("/v1/example"));
		problem.setProperty("requestId", "3f0c7a1e-5b9e-4d8e-9a51-2c6f3e1b7d20");
		problem.setProperty("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
		return problem;
	}

	/**
	 * Gives a problem built elsewhere (by the framework) the type, title and code of the
	 * service's own.
	 */
	static void stamp(ProblemDetail problem, String code) {
		problem.setType(URI.create(TYPE_PREFIX + code));
		problem.setTitle(title(code));
		problem.setProperty("code", code);
	}

	/**
	 * The code of a status the service has no more specific code for:
	 * {@code unsupported-media-type}.
	 */
	static String codeFor(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		return (known != null) ? known.name().toLowerCase(Locale.ROOT).replace('_', '-') : "http-" + status.value();
	}

	/**
	 * @return the problem's code, which every problem the service sends has
	 */
	static String codeOf(ProblemDetail problem) {
		Object code = (problem.getProperties() != null) ? problem.getProperties().get("code") : null;
		return (code != null) ? code.toString() : codeFor(HttpStatusCode.valueOf(problem.getStatus()));
	}

	/**
	 * The failure of a type somewhere in a cause chain: a refusal may reach the handler
	 * wrapped by the message converters or a servlet filter.
	 */
	static <T extends Throwable> @Nullable T causeOf(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

	/**
	 * A Retry-After of whole seconds, rounded up and at least one, so that a client
	 * retrying on time is not refused again for a fraction of a second.
	 */
	static HttpHeaders retryAfter(Duration wait) {
		HttpHeaders headers = new HttpHeaders();
		long seconds = (wait.toNanos() + 999_999_999L) / 1_000_000_000L;
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, seconds)));
		return headers;
	}

	static String title(String code) {
		String words = code.replace('-', ' ');
		return Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

}
