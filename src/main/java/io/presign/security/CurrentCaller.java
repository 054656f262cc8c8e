package io.presign.security;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.presign.policy.Caller;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The authenticated caller of the current request, reduced to what policy needs.
 */
public final class CurrentCaller {

	private static final String SCOPE_PREFIX = "SCOPE_";

	private static final double MAX_EXACT_DOUBLE = 9_007_199_254_740_992d;

	private CurrentCaller() {
	}

	/**
	 * @return the caller, or empty when the request is not authenticated
	 */
	public static Optional<Caller> get() {
		return from(SecurityContextHolder.getContext().getAuthentication());
	}

	static Optional<Caller> from(@Nullable Authentication authentication) {
		if (authentication instanceof JwtAuthenticationToken jwt) {
			return Optional.of(new Caller(jwt.getName(), scopes(jwt), Caller.AuthMethod.JWT,
					claims(jwt.getToken().getClaims()), Set.of()));
		}
		if (authentication instanceof ApiKeyAuthentication apiKey && apiKey.isAuthenticated()) {
			PresignSecurityProperties.ApiKey key = apiKey.key();
			if (key != null) {
				return Optional.of(new Caller(key.name(), scopes(apiKey), Caller.AuthMethod.API_KEY,
						key.attributeValues(), key.profiles()));
			}
		}
		return Optional.empty();
	}

	/**
	 * The claims a key template may use: strings, and numbers that are exact integers. A
	 * number in JSON may parse as a double, whose text ({@code 1.0E30}) is the same for
	 * different claims: two tenants would share a prefix. Lists, objects, booleans and
	 * inexact numbers have no single value to put in a key, so a template naming them
	 * cannot be resolved (403 {@code key-prefix-unresolvable}).
	 */
	static Map<String, String> claims(Map<String, Object> claims) {
		Map<String, String> values = new HashMap<>();
		claims.forEach((name, value) -> exactText(value).ifPresent((text) -> values.put(name, text)));
		return values;
	}

	private static Optional<String> exactText(Object value) {
		if (value instanceof String text) {
			return Optional.of(text);
		}
		if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
				|| value instanceof BigInteger) {
			return Optional.of(value.toString());
		}
		if (value instanceof BigDecimal decimal) {
			return integral(decimal);
		}
		if ((value instanceof Double || value instanceof Float) && Double.isFinite(((Number) value).doubleValue())) {
			double number = ((Number) value).doubleValue();
			// Beyond 2^53 a double no longer tells neighbouring integers apart.
			return (Math.abs(number) <= MAX_EXACT_DOUBLE) ? integral(BigDecimal.valueOf(number)) : Optional.empty();
		}
		return Optional.empty();
	}

	private static Optional<String> integral(BigDecimal number) {
		try {
			return Optional.of(number.toBigIntegerExact().toString());
		}
		catch (ArithmeticException ex) {
			return Optional.empty();
		}
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
