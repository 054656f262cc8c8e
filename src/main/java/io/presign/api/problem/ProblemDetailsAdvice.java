package io.presign.api.problem;

import java.util.List;
import java.util.Map;

import io.presign.observability.RefusalRecorder;
import io.presign.observability.RequestIdFilter;
import io.presign.policy.Rule;
import io.presign.security.CurrentCaller;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import tools.jackson.core.JacksonException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure into an RFC 9457 problem document with a stable {@code type} and
 * {@code code}, and the {@code field} at fault where there is one: the service's own
 * refusals by {@link ProblemTable}, the framework's (no such path, wrong method,
 * unreadable body) by Spring MVC's handler, stamped with a code. Client mistakes are 4xx;
 * no stack trace ever leaves. Every problem carries the request and trace ids and is
 * recorded once.
 */
@RestControllerAdvice
public final class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	/**
	 * The request attribute that holds the code of the problem a request was answered
	 * with.
	 */
	public static final String CODE_ATTRIBUTE = ProblemDetailsAdvice.class.getName() + ".code";

	private static final Rule BAD_REQUEST = Rule.REQUEST_INVALID;

	private final RefusalRecorder refusals;

	ProblemDetailsAdvice(RefusalRecorder refusals) {
		this.refusals = refusals;
	}

	/**
	 * Every failure Spring MVC's own handler does not take: the table's.
	 */
	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> problem(Exception ex, HttpServletRequest request) {
		ProblemTable.Answer answer = ProblemTable.answer(ex);
		ProblemDetail problem = answer.problem();
		observe(request, problem);
		return ResponseEntity.status(problem.getStatus())
			.headers(answer.headers())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	/**
	 * The answer this advice gives to a failure, for an advice scoped to some controllers
	 * that adds to it.
	 * @return the answer, a problem document
	 */
	public ResponseEntity<Object> answer(Exception ex, HttpServletRequest request) {
		try {
			ResponseEntity<Object> framework = handleException(ex, new ServletWebRequest(request));
			if (framework != null) {
				return framework;
			}
		}
		catch (Exception notTheFrameworks) {
			// Spring MVC's handler throws back what it does not know: the table's.
		}
		return problem(ex, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		RequestTooLargeException tooLarge = Problems.causeOf(ex, RequestTooLargeException.class);
		if (tooLarge != null && request instanceof ServletWebRequest servlet) {
			return problem(tooLarge, servlet.getRequest());
		}
		JacksonException jackson = Problems.causeOf(ex, JacksonException.class);
		String field = (jackson != null) ? fieldPath(jackson.getPath()) : null;
		String detail = (field != null) ? "The field '" + field + "' has a value of the wrong type or form"
				: "The request body is missing or is not valid JSON";
		return handleExceptionInternal(ex, invalid(detail, field), headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMissingServletRequestParameter(
			MissingServletRequestParameterException ex, HttpHeaders headers, HttpStatusCode status,
			WebRequest request) {
		String name = ex.getParameterName();
		return handleExceptionInternal(ex, invalid("The query parameter '" + name + "' is required", name), headers,
				HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex instanceof MethodArgumentTypeMismatchException argument) ? argument.getName()
				: ex.getPropertyName();
		return handleExceptionInternal(ex,
				invalid("The parameter '" + name + "' has a value of the wrong type or form", name), headers,
				HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = ex.getBindingResult().getFieldErrors();
		String field = errors.isEmpty() ? null : errors.get(0).getField();
		ProblemDetail problem = invalid((field != null)
				? "The field '" + field + "' " + errors.get(0).getDefaultMessage() : "The request is not valid", field);
		problem.setProperty("errors", errors.stream()
			.map((error) -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
			.toList());
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	private static ProblemDetail invalid(String detail, @Nullable String field) {
		return Problems.of(ProblemType.of(BAD_REQUEST), detail, field);
	}

	/**
	 * Gives the framework's own problems (unknown path, wrong method, unsupported media
	 * type) a stable type and code too.
	 */
	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (response != null && response.getBody() instanceof ProblemDetail problem) {
			if (ex instanceof NoResourceFoundException) {
				problem.setDetail("There is no endpoint at this path");
			}
			if (problem.getProperties() == null || !problem.getProperties().containsKey("code")) {
				Problems.stamp(problem, Problems.codeFor(response.getStatusCode()));
			}
			if (request instanceof ServletWebRequest servlet) {
				observe(servlet.getRequest(), problem);
			}
		}
		return response;
	}

	/**
	 * Every problem carries the request id and a path cut short, and is recorded once as
	 * a refusal.
	 */
	private void observe(HttpServletRequest request, ProblemDetail problem) {
		problem.setInstance(RefusedRequest.instance(request));
		Object requestId = request.getAttribute(RequestIdFilter.ATTRIBUTE);
		if (requestId != null) {
			problem.setProperty("requestId", requestId);
		}
		// The request's trace, as Micrometer Tracing puts it in the logging context: a
		// refusal can be found in the
		// traces as well as in the logs.
		String traceId = MDC.get("traceId");
		if (traceId != null && !traceId.isEmpty()) {
			problem.setProperty("traceId", traceId);
		}
		String code = Problems.codeOf(problem);
		request.setAttribute(CODE_ATTRIBUTE, code);
		RefusedRequest named = RefusedRequest.of(request);
		this.refusals.refused(CurrentCaller.get().orElse(null), named.profile(), named.keys(), problem.getStatus(),
				code);
	}

	private static @Nullable String fieldPath(List<JacksonException.Reference> path) {
		StringBuilder field = new StringBuilder();
		for (JacksonException.Reference reference : path) {
			if (reference.getPropertyName() != null) {
				field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				field.append('[').append(reference.getIndex()).append(']');
			}
		}
		return field.isEmpty() ? null : field.toString();
	}

}
