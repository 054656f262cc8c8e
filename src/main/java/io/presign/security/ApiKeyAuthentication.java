package io.presign.security;

import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * An API key presented in {@code X-Api-Key}, before and after it is checked.
 */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

	private final PresignSecurityProperties.@Nullable ApiKey key;

	private @Nullable String presented;

	private ApiKeyAuthentication(PresignSecurityProperties.@Nullable ApiKey key, @Nullable String presented,
			Collection<? extends GrantedAuthority> authorities, boolean authenticated) {
		super(authorities);
		this.key = key;
		this.presented = presented;
		super.setAuthenticated(authenticated);
	}

	static ApiKeyAuthentication unauthenticated(String presented) {
		return new ApiKeyAuthentication(null, presented, List.of(), false);
	}

	static ApiKeyAuthentication authenticated(PresignSecurityProperties.ApiKey key,
			Collection<? extends GrantedAuthority> authorities) {
		return new ApiKeyAuthentication(key, null, authorities, true);
	}

	/**
	 * @return the configured key this authentication matched; none before it is checked
	 */
	PresignSecurityProperties.@Nullable ApiKey key() {
		return this.key;
	}

	@Override
	public @Nullable Object getCredentials() {
		return this.presented;
	}

	@Override
	public @Nullable Object getPrincipal() {
		return (this.key != null) ? this.key.name() : null;
	}

	/**
	 * @return the key's name once authenticated; empty before
	 */
	@Override
	public String getName() {
		return (this.key != null) ? this.key.name() : "";
	}

	@Override
	public void setAuthenticated(boolean authenticated) {
		if (authenticated) {
			throw new IllegalArgumentException("Only the API key provider can mark a key authenticated");
		}
		super.setAuthenticated(false);
	}

	@Override
	public void eraseCredentials() {
		super.eraseCredentials();
		this.presented = null;
	}

}
