package io.presign.security;

import java.util.HashMap;
import java.util.Map;
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
			return Optional.of(new Caller(jwt.getName(), scopes(jwt), Caller.AuthMethod.JWT,
					claims(jwt.getToken().getClaims()), Set.of()));
		}
		if (authentication instanceof ApiKeyAuthentication apiKey && apiKey.isAuthenticated()) {
			return Optional.of(new Caller(apiKey.getName(), scopes(apiKey), Caller.AuthMethod.API_KEY,
					apiKey.key().attributeValues(), apiKey.key().profiles()));
		}
		return Optional.empty();
	}

	/**
	 * The claims a key template may use: strings, numbers and booleans; lists and objects have no single
	 * value to put in a key.
	 */
	private static Map<String, String> claims(Map<String, Object> claims) {
		Map<String, String> values = new HashMap<>();
		claims.forEach((name, value) -> {
			if (value instanceof String || value instanceof Number || value instanceof Boolean) {
				values.put(name, value.toString());
			}
		});
		return values;
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
