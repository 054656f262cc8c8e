package io.presign.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Answers a missing or invalid credential with the same problem document as every other
 * error, after the standard {@code WWW-Authenticate} challenge is set.
 */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private final AuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();

	private final HandlerExceptionResolver problems;

	ProblemAuthenticationEntryPoint(HandlerExceptionResolver problems) {
		this.problems = problems;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws java.io.IOException, jakarta.servlet.ServletException {
		// An unreachable identity provider is no challenge to the client: the problem
		// says 503.
		if (!(authException instanceof AuthenticationServiceException)) {
			this.challenge.commence(request, response, authException);
		}
		this.problems.resolveException(request, response, null, authException);
	}

}
