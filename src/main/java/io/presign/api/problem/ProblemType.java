package io.presign.api.problem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.presign.policy.Rule;

import org.springframework.http.HttpStatus;

/**
 * One kind of error answer: its status, stable code and meaning, from a {@link Rule} or a
 * {@link WebRefusal}.
 *
 * @param status the HTTP status
 * @param code the stable code, the last part of the problem's {@code type}
 * @param meaning when it is answered, as the API description says it
 */
public record ProblemType(HttpStatus status, String code, String meaning) {

	/**
	 * @return the problem type of a rule: its status follows from its outcome
	 */
	public static ProblemType of(Rule rule) {
		return new ProblemType(statusOf(rule.outcome()), rule.code(), rule.meaning());
	}

	/**
	 * @return the problem type of a refusal of the web layer
	 */
	public static ProblemType of(WebRefusal refusal) {
		return new ProblemType(refusal.status(), refusal.code(), refusal.meaning());
	}

	/**
	 * @return every kind of error answer the service documents, rules first
	 */
	public static List<ProblemType> all() {
		List<ProblemType> all = new ArrayList<>();
		Arrays.stream(Rule.values()).map(ProblemType::of).forEach(all::add);
		Arrays.stream(WebRefusal.values()).map(ProblemType::of).forEach(all::add);
		return all;
	}

	/**
	 * The status of each kind of refusal, the only place outcomes meet HTTP.
	 */
	static HttpStatus statusOf(Rule.Outcome outcome) {
		return switch (outcome) {
			case INVALID -> HttpStatus.BAD_REQUEST;
			case FORBIDDEN -> HttpStatus.FORBIDDEN;
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
			case CONFLICT -> HttpStatus.CONFLICT;
			case EXHAUSTED -> HttpStatus.TOO_MANY_REQUESTS;
			case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
			case MISBEHAVING -> HttpStatus.BAD_GATEWAY;
		};
	}

}
