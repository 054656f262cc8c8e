package io.presign.api.problem;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.presign.policy.RefusedException;
import io.presign.policy.Rule;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;

/**
 * The one table from a failure to its answer: status and code, detail, field, extras and
 * Retry-After. Every refusal of policy, quota, signing or S3 is a
 * {@link RefusedException}, whose {@link Rule} gives the status and code and which
 * carries the rest; the few rows after it are the web layer's own refusals. The
 * framework's own exceptions (no such path, wrong method) are Spring MVC's, stamped with
 * a code by {@link ProblemDetailsAdvice}.
 */
final class ProblemTable {

	private static final Logger log = LoggerFactory.getLogger(ProblemTable.class);

	private static final Duration SHORTLY = Duration.ofSeconds(5);

	/** Searched in order: a subclass before its superclass. */
	private static final List<Row<?>> ROWS = List.of(
			row(RefusedException.class,
					(ex) -> new Answer(ProblemType.of(ex.rule()), ex.detail(), ex.field(), ex.details(),
							ex.retryAfter())),
			row(RequestTooLargeException.class,
					(ex) -> answer(WebRefusal.REQUEST_TOO_LARGE, ex.getMessage())
						.with(Map.of("maxRequestBytes", ex.maxBytes()))),
			row(AuthenticationServiceException.class,
					(ex) -> answer(WebRefusal.IDENTITY_PROVIDER_UNAVAILABLE,
							"The token cannot be verified right now: the identity provider's keys are unreachable")
						.retryingAfter(SHORTLY)),
			row(AuthenticationException.class,
					(ex) -> answer(WebRefusal.UNAUTHENTICATED,
							(ex instanceof OAuth2AuthenticationException || ex instanceof BadCredentialsException)
									? ex.getMessage() : "A valid bearer token or API key is required")),
			row(AccessDeniedException.class, (ex) -> answer(WebRefusal.FORBIDDEN, "The caller may not do this")),
			// Tomcat refuses a query string that is not valid UTF-8 (such as key=%FF)
			// only when a parameter is
			// first read, inside the controller's argument binding.
			row(InvalidParameterException.class, (ex) -> new Answer(ProblemType.of(Rule.REQUEST_INVALID),
					"The query string is not valid percent-encoded UTF-8", null, Map.of(), null)));

	private ProblemTable() {
	}

	/**
	 * @return the answer to a failure: its row's, or 500 {@code internal-error} for one
	 * no row knows, logged with its stack trace; 503 answers are logged as warnings,
	 * since they say the service cannot work as it should
	 */
	static Answer answer(Throwable failure) {
		for (Row<?> row : ROWS) {
			Answer answer = row.answer(failure);
			if (answer != null) {
				if (answer.type().status().value() == 503) {
					log.warn("{}: {}", answer.type().code(), failure.getMessage());
				}
				return answer;
			}
		}
		log.error("Unexpected failure", failure);
		return answer(WebRefusal.INTERNAL_ERROR, "The service failed unexpectedly; the failure was logged");
	}

	private static Answer answer(WebRefusal refusal, @Nullable String detail) {
		return new Answer(ProblemType.of(refusal), (detail != null) ? detail : refusal.meaning(), null, Map.of(), null);
	}

	private static <T extends Throwable> Row<T> row(Class<T> type, Function<T, Answer> answer) {
		return new Row<>(type, answer);
	}

	private record Row<T extends Throwable>(Class<T> type, Function<T, Answer> answer) {

		@Nullable Answer answer(Throwable failure) {
			return this.type.isInstance(failure) ? this.answer.apply(this.type.cast(failure)) : null;
		}

	}

	/**
	 * What a failure is answered with.
	 *
	 * @param type the status and code
	 * @param detail what the caller is told
	 * @param field the request field at fault
	 * @param extras further members of the problem document
	 * @param retryAfter when to retry, for a Retry-After header
	 */
	record Answer(ProblemType type, String detail, @Nullable String field, Map<String, Object> extras,
			@Nullable Duration retryAfter) {

		Answer with(Map<String, Object> more) {
			return new Answer(this.type, this.detail, this.field, more, this.retryAfter);
		}

		Answer retryingAfter(Duration wait) {
			return new Answer(this.type, this.detail, this.field, this.extras, wait);
		}

		ProblemDetail problem() {
			ProblemDetail problem = Problems.of(this.type, this.detail, this.field);
			this.extras.forEach(problem::setProperty);
			return problem;
		}

		HttpHeaders headers() {
			return (this.retryAfter != null) ? Problems.retryAfter(this.retryAfter) : HttpHeaders.EMPTY;
		}

	}

}
