package io.presign.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.presign.issuing.QuotaExceededException;
import io.presign.observability.AuditLog;
import io.presign.observability.PresignMetrics;
import io.presign.observability.RequestIdFilter;
import io.presign.policy.PolicyViolation;
import io.presign.policy.ProfileCatalog;
import io.presign.security.CurrentCaller;
import io.presign.signing.CredentialsExpiringException;
import io.presign.signing.SigningUnavailableException;
import io.presign.signing.StorageRejectedException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * Turns every failure into an RFC 9457 problem document with a stable {@code type} and {@code code}, and
 * the {@code field} at fault where there is one. Client mistakes are 4xx; no stack trace ever leaves.
 */
@RestControllerAdvice
final class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	/** Every problem type is this prefix followed by the problem's code. */
	static final String TYPE_PREFIX = "urn:presign:problem:";

	private static final int MAX_INSTANCE_LENGTH = 256;

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	private final PresignMetrics metrics;

	private final AuditLog audit;

	private final ProfileCatalog catalog;

	ProblemDetailsAdvice(PresignMetrics metrics, AuditLog audit, ProfileCatalog catalog) {
		this.metrics = metrics;
		this.audit = audit;
		this.catalog = catalog;
	}

	@ExceptionHandler(PolicyViolation.class)
	ResponseEntity<ProblemDetail> policyViolation(PolicyViolation ex, HttpServletRequest request) {
		HttpStatus status = switch (ex.rule().outcome()) {
			case INVALID -> HttpStatus.BAD_REQUEST;
			case FORBIDDEN -> HttpStatus.FORBIDDEN;
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
		};
		ProblemDetail problem = problem(status, ex.rule().code(), ex.getMessage(), ex.field());
		ex.limits().forEach(problem::setProperty);
		return respond(request, problem, HttpHeaders.EMPTY);
	}

	@ExceptionHandler(AuthenticationServiceException.class)
	ResponseEntity<ProblemDetail> identityProviderUnavailable(AuthenticationServiceException ex,
			HttpServletRequest request) {
		log.warn("Tokens cannot be verified: {}", ex.getMessage());
		return respond(request, problem(HttpStatus.SERVICE_UNAVAILABLE, "identity-provider-unavailable",
				"The token cannot be verified right now: the identity provider's keys are unreachable", null),
				retryAfter(Duration.ofSeconds(5)));
	}

	@ExceptionHandler(AuthenticationException.class)
	ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException ex, HttpServletRequest request) {
		String detail = (ex instanceof OAuth2AuthenticationException || ex instanceof BadCredentialsException)
				? ex.getMessage() : "A valid bearer token or API key is required";
		return respond(request, problem(HttpStatus.UNAUTHORIZED, "unauthenticated", detail, null), HttpHeaders.EMPTY);
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException ex, HttpServletRequest request) {
		return respond(request, problem(HttpStatus.FORBIDDEN, "forbidden", "The caller may not do this", null),
				HttpHeaders.EMPTY);
	}

	@ExceptionHandler(SigningUnavailableException.class)
	ResponseEntity<ProblemDetail> signingUnavailable(SigningUnavailableException ex, HttpServletRequest request) {
		log.warn("Signing unavailable: {}", ex.getMessage());
		return respond(request, problem(HttpStatus.SERVICE_UNAVAILABLE, "signing-unavailable",
				"No URL can be signed right now; try again shortly", null), retryAfter(Duration.ofSeconds(5)));
	}

	@ExceptionHandler(StorageRejectedException.class)
	ResponseEntity<ProblemDetail> storageRejected(StorageRejectedException ex, HttpServletRequest request) {
		boolean missing = "NoSuchUpload".equals(ex.s3Code()) || ex.status() == 404;
		ProblemDetail problem = problem(missing ? HttpStatus.NOT_FOUND : HttpStatus.BAD_REQUEST,
				missing ? "upload-not-found" : "upload-rejected", ex.getMessage(), null);
		problem.setProperty("s3Code", ex.s3Code());
		return respond(request, problem, HttpHeaders.EMPTY);
	}

	@ExceptionHandler(QuotaExceededException.class)
	ResponseEntity<ProblemDetail> rateLimited(QuotaExceededException ex, HttpServletRequest request) {
		ProblemDetail problem = problem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", ex.getMessage(), null);
		problem.setProperty("limit", ex.limit());
		return respond(request, problem, retryAfter(ex.retryAfter()));
	}

	@ExceptionHandler(CredentialsExpiringException.class)
	ResponseEntity<ProblemDetail> credentialsExpiring(CredentialsExpiringException ex,
			HttpServletRequest request) {
		log.warn("Signing credentials expiring: {}", ex.getMessage());
		return respond(request,
				problem(HttpStatus.SERVICE_UNAVAILABLE, "signing-credentials-expiring", ex.getMessage(), null),
				retryAfter(ex.retryAfter()));
	}

	@ExceptionHandler(RequestBodyLimit.RequestTooLargeException.class)
	ResponseEntity<ProblemDetail> requestTooLarge(RequestBodyLimit.RequestTooLargeException ex,
			HttpServletRequest request) {
		ProblemDetail problem = problem(HttpStatus.CONTENT_TOO_LARGE, "request-too-large", ex.getMessage(), null);
		problem.setProperty("maxRequestBytes", ex.maxBytes());
		return respond(request, problem, HttpHeaders.EMPTY);
	}

	/**
	 * Tomcat refuses a query string that is not valid UTF-8 (such as {@code key=%FF}) only when a parameter
	 * is first read, inside the controller's argument binding.
	 */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<ProblemDetail> undecodableQuery(InvalidParameterException ex, HttpServletRequest request) {
		return respond(request, problem(HttpStatus.BAD_REQUEST, "request-invalid",
				"The query string is not valid percent-encoded UTF-8", null), HttpHeaders.EMPTY);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<ProblemDetail> unexpected(Exception ex, HttpServletRequest request) {
		log.error("Unexpected failure", ex);
		return respond(request, problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
				"The service failed unexpectedly; the failure was logged", null), HttpHeaders.EMPTY);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		RequestBodyLimit.RequestTooLargeException tooLarge = findCause(ex, RequestBodyLimit.RequestTooLargeException.class);
		if (tooLarge != null && request instanceof ServletWebRequest servlet) {
			ResponseEntity<ProblemDetail> refused = requestTooLarge(tooLarge, servlet.getRequest());
			return new ResponseEntity<>(refused.getBody(), refused.getHeaders(), refused.getStatusCode());
		}
		JacksonException jackson = findCause(ex, JacksonException.class);
		String field = (jackson != null) ? fieldPath(jackson.getPath()) : null;
		String detail = (field != null) ? "The field '" + field + "' has a value of the wrong type or form"
				: "The request body is missing or is not valid JSON";
		return handleExceptionInternal(ex, problem(HttpStatus.BAD_REQUEST, "request-invalid", detail, field), headers,
				HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String name = ex.getParameterName();
		return handleExceptionInternal(ex, problem(HttpStatus.BAD_REQUEST, "request-invalid",
				"The query parameter '" + name + "' is required", name), headers, HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex instanceof MethodArgumentTypeMismatchException argument) ? argument.getName()
				: ex.getPropertyName();
		return handleExceptionInternal(ex, problem(HttpStatus.BAD_REQUEST, "request-invalid",
				"The parameter '" + name + "' has a value of the wrong type or form", name), headers,
				HttpStatus.BAD_REQUEST, request);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = ex.getBindingResult().getFieldErrors();
		String field = errors.isEmpty() ? null : errors.get(0).getField();
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "request-invalid",
				(field != null) ? "The field '" + field + "' " + errors.get(0).getDefaultMessage()
						: "The request is not valid",
				field);
		problem.setProperty("errors", errors.stream()
			.map((error) -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
			.toList());
		return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
	}

	/**
	 * Gives the framework's own problems (unknown path, wrong method, unsupported media type) a stable
	 * type and code too.
	 */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (ex instanceof NoResourceFoundException && response != null
				&& response.getBody() instanceof ProblemDetail problem) {
			problem.setDetail("There is no endpoint at this path");
		}
		if (response != null && response.getBody() instanceof ProblemDetail problem && (problem.getProperties() == null
				|| !problem.getProperties().containsKey("code"))) {
			String code = codeFor(response.getStatusCode());
			problem.setType(URI.create(TYPE_PREFIX + code));
			problem.setProperty("code", code);
		}
		if (response != null && response.getBody() instanceof ProblemDetail problem
				&& request instanceof ServletWebRequest servlet) {
			observe(servlet.getRequest(), problem);
		}
		return response;
	}

	/**
	 * A Retry-After of whole seconds, rounded up and at least one, so that a client retrying on time is not
	 * refused again for a fraction of a second.
	 */
	private static HttpHeaders retryAfter(Duration wait) {
		HttpHeaders headers = new HttpHeaders();
		long seconds = (wait.toNanos() + 999_999_999L) / 1_000_000_000L;
		headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, seconds)));
		return headers;
	}

	private static String codeFor(HttpStatusCode status) {
		HttpStatus known = HttpStatus.resolve(status.value());
		return (known != null) ? known.name().toLowerCase(Locale.ROOT).replace('_', '-') : "http-" + status.value();
	}

	private static ProblemDetail problem(HttpStatus status, String code, String detail, String field) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create(TYPE_PREFIX + code));
		problem.setTitle(title(code));
		problem.setProperty("code", code);
		if (field != null) {
			problem.setProperty("field", field);
		}
		return problem;
	}

	private static String title(String code) {
		String words = code.replace('-', ' ');
		return Character.toUpperCase(words.charAt(0)) + words.substring(1);
	}

	private ResponseEntity<ProblemDetail> respond(HttpServletRequest request, ProblemDetail problem,
			HttpHeaders headers) {
		observe(request, problem);
		return ResponseEntity.status(problem.getStatus())
			.headers(headers)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

	/**
	 * Every problem carries the request id, is counted under its code, and is audited with the profile and
	 * key the caller named.
	 */
	private void observe(HttpServletRequest request, ProblemDetail problem) {
		problem.setInstance(instance(request));
		Object requestId = request.getAttribute(RequestIdFilter.ATTRIBUTE);
		if (requestId != null) {
			problem.setProperty("requestId", requestId);
		}
		String code = String.valueOf(problem.getProperties().get("code"));
		ObjectRequest body = (request.getAttribute(ObjectRequestCapture.ATTRIBUTE) instanceof ObjectRequest named)
				? named : null;
		// Multipart list and abort name profile and key in the query instead of a body; only their methods are
		// asked, since getParameter on a form-encoded POST would read the body.
		boolean query = body == null && ("GET".equals(request.getMethod()) || "DELETE".equals(request.getMethod()));
		String named = (body != null) ? body.profile() : (query ? queryParameter(request, "profile") : null);
		List<String> keys = (body != null) ? body.namedKeys()
				: ObjectRequest.named(query ? queryParameter(request, "key") : null);
		// Only configured profile names become tags: anything else a client sends would explode cardinality.
		String profile = (named != null && this.catalog.find(named).isPresent()) ? named : null;
		this.metrics.rejected((profile != null) ? profile : PresignMetrics.UNKNOWN_PROFILE, code);
		// The audit keeps what was named, even an unknown profile: probing for profiles is worth a record.
		this.audit.refused(CurrentCaller.get().orElse(null), named, keys, problem.getStatus(), code);
	}

	/**
	 * The request's path, cut short: the framework would echo any path whole, and a path can be long.
	 */
	private static URI instance(HttpServletRequest request) {
		String path = request.getRequestURI();
		if (path.length() > MAX_INSTANCE_LENGTH) {
			path = path.substring(0, MAX_INSTANCE_LENGTH).replaceFirst("%[0-9A-Fa-f]?$", "");
		}
		try {
			return new URI(path);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private static String queryParameter(HttpServletRequest request, String name) {
		try {
			return request.getParameter(name);
		}
		catch (InvalidParameterException ex) {
			return null;
		}
	}

	private static <T extends Throwable> T findCause(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

	private static String fieldPath(List<JacksonException.Reference> path) {
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
