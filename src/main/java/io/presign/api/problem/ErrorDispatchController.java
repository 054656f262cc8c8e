package io.presign.api.problem;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Errors that escape before a controller runs (a filter's failure, the container's own
 * error) end up on the error path; this answers them with the same problem documents as
 * everything else, instead of Spring Boot's default body. A request for the error path
 * itself has no error: it is a 404.
 */
@Hidden
@RestController
final class ErrorDispatchController implements ErrorController {

	private static final Logger log = LoggerFactory.getLogger(ErrorDispatchController.class);

	@RequestMapping("${server.error.path:/error}")
	void error(HttpServletRequest request) {
		Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatusCode code = (status instanceof Integer value) ? HttpStatusCode.valueOf(value) : HttpStatus.NOT_FOUND;
		if (code.is5xxServerError()
				&& request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
			log.error("Unexpected failure before the request reached a controller", failure);
		}
		throw new ResponseStatusException(code);
	}

}
