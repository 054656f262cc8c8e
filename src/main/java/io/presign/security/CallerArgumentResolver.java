package io.presign.security;

import java.util.Set;
import java.util.stream.Collectors;

import io.presign.policy.Caller;

import org.springframework.core.MethodParameter;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Lets controllers take a {@link Caller}: the authenticated principal, reduced to what policy needs.
 */
final class CallerArgumentResolver implements HandlerMethodArgumentResolver {

	private static final String SCOPE_PREFIX = "SCOPE_";

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return Caller.class.equals(parameter.getParameterType());
	}

	@Override
	public Caller resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		return toCaller(SecurityContextHolder.getContext().getAuthentication());
	}

	static Caller toCaller(Authentication authentication) {
		if (authentication instanceof JwtAuthenticationToken jwt) {
			return new Caller(jwt.getName(), scopes(jwt), Caller.AuthMethod.JWT);
		}
		if (authentication instanceof ApiKeyAuthentication apiKey && apiKey.isAuthenticated()) {
			return new Caller(apiKey.getName(), scopes(apiKey), Caller.AuthMethod.API_KEY);
		}
		throw new AuthenticationCredentialsNotFoundException("No bearer token or API key was presented");
	}

	private static Set<String> scopes(Authentication authentication) {
		return authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((authority) -> authority.startsWith(SCOPE_PREFIX))
			.map((authority) -> authority.substring(SCOPE_PREFIX.length()))
			.collect(Collectors.toUnmodifiableSet());
	}

}
