package io.presign.security;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.presign.policy.Caller;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The authenticated caller of the current request, reduced to what policy needs.
 */
public final class CurrentCaller {

	private static final String SCOPE_PREFIX = "SCOPE_";

	private CurrentCaller() {
	}

	/**
	 * @return the caller, or empty when the request is not authenticated
	 */
	public static Optional<Caller> get() {
		return from(SecurityContextHolder.getContext().getAuthentication());
	}

	static Optional<Caller> from(Authentication authentication) {
		if (authentication instanceof JwtAuthenticationToken jwt) {
			return Optional.of(new Caller(jwt.getName(), scopes(jwt), Caller.AuthMethod.JWT));
		}
		if (authentication instanceof ApiKeyAuthentication apiKey && apiKey.isAuthenticated()) {
			return Optional.of(new Caller(apiKey.getName(), scopes(apiKey), Caller.AuthMethod.API_KEY));
		}
		return Optional.empty();
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
