package io.presign.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Checks an API key against the configured SHA-256 hashes in constant time: every
 * configured hash is compared, whichever matches, so timing reveals neither which key nor
 * how much of one matched. A key may list several hashes, so that a new key works before
 * the old one is retired.
 */
final class ApiKeyAuthenticationProvider implements AuthenticationProvider {

	private final List<KnownKey> keys;

	ApiKeyAuthenticationProvider(PresignSecurityProperties properties) {
		this.keys = properties.apiKeys()
			.stream()
			.flatMap((key) -> key.sha256().stream().map((hash) -> new KnownKey(key, HexFormat.of().parseHex(hash))))
			.toList();
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String presented = (String) authentication.getCredentials();
		byte[] hash = sha256(presented != null ? presented : "");
		KnownKey match = null;
		for (KnownKey key : this.keys) {
			if (MessageDigest.isEqual(hash, key.hash()) && match == null) {
				match = key;
			}
		}
		if (match == null || presented == null || presented.isEmpty()) {
			throw new BadCredentialsException("The API key is not valid");
		}
		return ApiKeyAuthentication.authenticated(match.key(),
				match.key().scopes().stream().map((scope) -> new SimpleGrantedAuthority("SCOPE_" + scope)).toList());
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return ApiKeyAuthentication.class.isAssignableFrom(authentication);
	}

	private static byte[] sha256(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

	private record KnownKey(PresignSecurityProperties.ApiKey key, byte[] hash) {
	}

}
