package io.presign.security;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;

/**
 * Spring Security's {@link BearerTokenAuthenticationConverter}, without its regular
 * expression on the header every call with a JWT carries: a well-formed
 * {@code Authorization: Bearer} token. Its case-insensitive pattern over a token of
 * hundreds of characters cost 6.4 µs, about 6% of a download's CPU with a JWT
 * (docs/performance.md, tenth round). Every other request, a malformed header included,
 * goes to the library itself, so what is accepted, refused and with which error stays the
 * library's. As configured here it reads no {@code access_token} parameter;
 * {@code BearerHeaderConverterTest} compares the two over every character and thousands
 * of generated requests, GETs, forms and such parameters included, and so fails on a
 * version that reads them again.
 */
final class BearerHeaderConverter implements AuthenticationConverter {

	private static final String PREFIX = "Bearer ";

	private final BearerTokenAuthenticationConverter library = new BearerTokenAuthenticationConverter();

	private final WebAuthenticationDetailsSource details = new WebAuthenticationDetailsSource();

	@Override
	public @Nullable Authentication convert(HttpServletRequest request) {
		String token = headerToken(request);
		if (token == null) {
			return this.library.convert(request);
		}
		BearerTokenAuthenticationToken authentication = new BearerTokenAuthenticationToken(token);
		authentication.setDetails(this.details.buildDetails(request));
		return authentication;
	}

	/**
	 * The token of the header, checked as the library's pattern
	 * {@code ^Bearer (?<token>[a-zA-Z0-9-._~+/]+=*)$} would; null for any other header
	 * (another spelling of the scheme, a malformed token), which the library then
	 * decides.
	 */
	private static @Nullable String headerToken(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.startsWith(PREFIX)) {
			return null;
		}
		int end = header.length();
		int at = PREFIX.length();
		while (at < end && isTokenCharacter(header.charAt(at))) {
			at++;
		}
		if (at == PREFIX.length()) {
			return null;
		}
		while (at < end && header.charAt(at) == '=') {
			at++;
		}
		return (at == end) ? header.substring(PREFIX.length()) : null;
	}

	private static boolean isTokenCharacter(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
				|| c == '_' || c == '~' || c == '+' || c == '/';
	}

}
