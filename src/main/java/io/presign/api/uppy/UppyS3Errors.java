package io.presign.api.uppy;

import io.presign.api.problem.ProblemDetailsAdvice;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Refusals of Uppy's calls, answered as every other with a problem document, plus the
 * header S3 names its error code in: Uppy reads it as S3's, so that the widget says why,
 * not only "S3 returned 400". Scoped to {@link UppyController}, whose ticket URLs Uppy
 * calls as it would call S3.
 */
@RestControllerAdvice(assignableTypes = UppyController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
final class UppyS3Errors {

	/** The header S3 names its error code in, which Uppy reads. */
	static final String S3_ERROR_CODE = "x-amz-error-code";

	private final ProblemDetailsAdvice problems;

	UppyS3Errors(ProblemDetailsAdvice problems) {
		this.problems = problems;
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> refused(Exception ex, HttpServletRequest request) {
		ResponseEntity<Object> answer = this.problems.answer(ex, request);
		if (!(answer.getBody() instanceof ProblemDetail problem) || problem.getProperties() == null) {
			return answer;
		}
		return ResponseEntity.status(answer.getStatusCode())
			.headers(answer.getHeaders())
			.header(S3_ERROR_CODE, String.valueOf(problem.getProperties().get("code")))
			.body(problem);
	}

}
