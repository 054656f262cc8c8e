package io.presign.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.presign.issuing.QuotaExceededException;
import io.presign.issuing.QuotaUnavailableException;
import io.presign.issuing.RevocationUnavailableException;
import io.presign.observability.RefusalRecorder;
import io.presign.observability.RequestIdFilter;
import io.presign.policy.PolicyViolation;
import io.presign.security.CurrentCaller;
import io.presign.signing.CredentialsExpiringException;
import io.presign.signing.RevocationFailedException;
import io.presign.signing.SigningUnavailableException;
import io.presign.signing.StorageRejectedException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
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
 * {@code code}, and the {@code field} at fault where there is one. Client mistakes are
 * 4xx; no stack trace ever leaves.
 */
@RestControllerAdvice
final class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	private final RefusalRecorder refusals;

	ProblemDetailsAdvice(RefusalRecorder refusals) {
		this.refusals = refusals;
	}

	@ExceptionHandler(PolicyViolation.class)
	ResponseEntity<ProblemDetail> policyViolation(PolicyViolation ex, HttpServletRequest request) {
		ProblemDetail problem = Problems.of(Refusal.of(ex.rule()), ex.getMessage(), ex.field());
		ex.limits().forEach(problem::setProperty);
		return respond(request, problem, HttpHeaders.EMPTY);
	}

	@ExceptionHandler(AuthenticationServiceException.class)
	ResponseEntity<ProblemDetail> identityProviderUnavailable(AuthenticationServiceException ex,
			HttpServletRequest request) {
		log.warn("Tokens cannot be verified: {}", ex.getMessage());
		return respond(request,
				Problems.of(Refusal.IDENTITY_PROVIDER_UNAVAILABLE,
						"The token cannot be verified right now: the identity provider's keys are unreachable", null),
				Problems.retryAfter(Duration.ofSeconds(5)));
	}

	@ExceptionHandler(AuthenticationException.class)
	ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException ex, HttpServletRequest request) {
		String detail = (ex instanceof OAuth2AuthenticationException || ex instanceof BadCredentialsException)
				? ex.getMessage() : "A valid bearer token or API key is required";
		return respond(request, Problems.of(Refusal.UNAUTHENTICATED, detail, null), HttpHeaders.EMPTY);
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException ex, HttpServletRequest request) {
		return respond(request, Problems.of(Refusal.FORBIDDEN, "The caller may not do this", null), HttpHeaders.EMPTY);
	}

	@ExceptionHandler(SigningUnavailableException.class)
	ResponseEntity<ProblemDetail> signingUnavailable(SigningUnavailableException ex, HttpServletRequest request) {
		log.warn("Signing unavailable: {}", ex.getMessage());
		return respond(request,
				Problems.of(Refusal.SIGNING_UNAVAILABLE, "No URL can be signed right now; try again shortly", null),
				Problems.retryAfter(Duration.ofSeconds(5)));
	}

	@ExceptionHandler(RevocationUnavailableException.class)
	ResponseEntity<ProblemDetail> revocationUnavailable(RevocationUnavailableException ex, HttpServletRequest request) {
		return respond(request, Problems.of(Refusal.REVOCATION_UNAVAILABLE, ex.getMessage(), null), HttpHeaders.EMPTY);
	}

	@ExceptionHandler(RevocationFailedException.class)
	ResponseEntity<ProblemDetail> revocationFailed(RevocationFailedException ex, HttpServletRequest request) {
		log.warn("Revocation failed: {}", ex.getMessage());
		// The exception's message says what failed without the SDK's text; AWS's code
		// says what to grant.
		String detail = (ex.awsCode() != null)
				? ex.getMessage() + "; the service's identity needs sts:AssumeRole, "
						+ "iam:PutRolePolicy, iam:GetRolePolicy and iam:ListRolePolicies on the signing role"
				: ex.getMessage();
		ProblemDetail problem = Problems.of(Refusal.REVOCATION_FAILED, detail, null);
		if (ex.awsCode() != null) {
			problem.setProperty("awsCode", ex.awsCode());
		}
		return respond(request, problem, HttpHeaders.EMPTY);
	}

	@ExceptionHandler(StorageRejectedException.class)
	ResponseEntity<ProblemDetail> storageRejected(StorageRejectedException ex, HttpServletRequest request) {
		boolean missing = "NoSuchUpload".equals(ex.s3Code()) || ex.status() == 404;
		ProblemDetail problem = Problems.of(missing ? Refusal.UPLOAD_NOT_FOUND : Refusal.UPLOAD_REJECTED,
				ex.getMessage(), null);
		problem.setProperty("s3Code", ex.s3Code());
		return respond(request, problem, HttpHeaders.EMPTY);
	}

	@ExceptionHandler(QuotaExceededException.class)
	ResponseEntity<ProblemDetail> rateLimited(QuotaExceededException ex, HttpServletRequest request) {
		ProblemDetail problem = Problems.of(Refusal.RATE_LIMITED, ex.getMessage(), null);
		problem.setProperty("limit", ex.limit());
		return respond(request, problem, Problems.retryAfter(ex.retryAfter()));
	}

	@ExceptionHandler(QuotaUnavailableException.class)
	ResponseEntity<ProblemDetail> rateLimitUnavailable(QuotaUnavailableException ex, HttpServletRequest request) {
		return respond(
				request, Problems.of(Refusal.RATE_LIMIT_UNAVAILABLE,
						"The rate-limit store cannot answer; try again shortly", null),
				Problems.retryAfter(Duration.ofSeconds(5)));
	}

	@ExceptionHandler(CredentialsExpiringException.class)
	ResponseEntity<ProblemDetail> credentialsExpiring(CredentialsExpiringException ex, HttpServletRequest request) {
		log.warn("Signing credentials expiring: {}", ex.getMessage());
		return respond(request, Problems.of(Refusal.SIGNING_CREDENTIALS_EXPIRING, ex.getMessage(), null),
				Problems.retryAfter(ex.retryAfter()));
	}

	@ExceptionHandler(RequestBodyLimit.RequestTooLargeException.class)
	ResponseEntity<ProblemDetail> requestTooLarge(RequestBodyLimit.RequestTooLargeException ex,
			HttpServletRequest request) {
		ProblemDetail problem = Problems.of(Refusal.REQUEST_TOO_LARGE, ex.getMessage(), null);
		problem.setProperty("maxRequestBytes", ex.maxBytes());
		return respond(request, problem, HttpHeaders.EMPTY);
	}

	/**
	 * Tomcat refuses a query string that is not valid UTF-8 (such as {@code key=%FF})
	 * only when a parameter is first read, inside the controller's argument binding.
	 */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<ProblemDetail> undecodableQuery(InvalidParameterException ex, HttpServletRequest request) {
		return respond(request,
				Problems.of(Refusal.REQUEST_INVALID, "The query string is not valid percent-encoded UTF-8", null),
				HttpHeaders.EMPTY);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex, HttpServletRequest request) {
		log.error("Unexpected failure", ex);
		return respond(request,
				Problems.of(Refusal.INTERNAL_ERROR, "The service failed unexpectedly; the failure was logged", null),
				HttpHeaders.EMPTY);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		RequestBodyLimit.RequestTooLargeException tooLarge = Problems.causeOf(ex,
				RequestBodyLimit.RequestTooLargeException.class);
		if (tooLarge != null && request instanceof ServletWebRequest servlet) {
			ResponseEntity<ProblemDetail> refused = requestTooLarge(tooLarge, servlet.getRequest());
			return new ResponseEntity<>(refused.getBody(), refused.getHeaders(), refused.getStatusCode());
		}
		JacksonException jackson = Problems.causeOf(ex, JacksonException.class);
		String field = (jackson != null) ? fieldPath(jackson.getPath()) : null;
		String detail = (field != null) ? "The field '" + field + "' has a value of the wrong type or form"
				: "The request body is missing or is not valid JSON";
		return handleExceptionInternal(ex, Problems.of(Refusal.REQUEST_INVALID, detail, field), headers,
				HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String name = ex.getParameterName();
		return handleExceptionInternal(ex,
				Problems.of(Refusal.REQUEST_INVALID, "The query parameter '" + name + "' is required", name), headers,
				HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex instanceof MethodArgumentTypeMismatchException argument) ? argument.getName()
				: ex.getPropertyName();
		return handleExceptionInternal(ex,
				Problems.of(Refusal.REQUEST_INVALID,
						"The parameter '" + name + "' has a value of the wrong type or form", name),
				headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = ex.getBindingResult().getFieldErrors();
		String field = errors.isEmpty() ? null : errors.get(0).getField();
		ProblemDetail problem = Problems.of(
				Refusal.REQUEST_INVALID, (field != null)
						? "The field '" + field + "' " + errors.get(0).getDefaultMessage() : "The request is not valid",
				field);
		problem.setProperty("errors", errors.stream()
			.map((error) -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
			.toList());
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * Gives the framework's own problems (unknown path, wrong method, unsupported media
	 * type) a stable type and code too.
	 */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (ex instanceof NoResourceFoundException && response != null
				&& response.getBody() instanceof ProblemDetail problem) {
			problem.setDetail("There is no endpoint at this path");
		}
		if (response != null && response.getBody() instanceof ProblemDetail problem
				&& (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
			Problems.stamp(problem, Problems.codeFor(response.getStatusCode()));
		}
		if (response != null && response.getBody() instanceof ProblemDetail problem
				&& request instanceof ServletWebRequest servlet) {
			observe(servlet.getRequest(), problem);
		}
		return response;
	}

	private ResponseEntity<ProblemDetail> respond(HttpServletRequest request, ProblemDetail problem,
			HttpHeaders headers) {
		observe(request, problem);
		HttpHeaders all = new HttpHeaders();
		all.addAll(headers);
		if (UppyController.answersAsS3(request)) {
			// Uppy shows S3's error code from this header: the widget then says why, not
			// only "S3 returned 400".
			all.set(UppyController.S3_ERROR_CODE, String.valueOf(problem.getProperties().get("code")));
		}
		return ResponseEntity.status(problem.getStatus())
			.headers(all)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
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
		// refusal can be found in
		// the traces as well as in the logs.
		String traceId = MDC.get("traceId");
		if (traceId != null && !traceId.isEmpty()) {
			problem.setProperty("traceId", traceId);
		}
		RefusedRequest named = RefusedRequest.of(request);
		this.refusals.refused(CurrentCaller.get().orElse(null), named.profile(), named.keys(), problem.getStatus(),
				String.valueOf(problem.getProperties().get("code")));
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
