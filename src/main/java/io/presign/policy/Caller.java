package io.presign.policy;

import java.util.Set;

/**
 * The authenticated party asking for a URL, as policy sees it.
 *
 * @param name the principal name that key templates expand to (a JWT's subject, an API key's name)
 * @param scopes the scopes the caller holds
 * @param authMethod how the caller proved who it is
 */
public record Caller(String name, Set<String> scopes, AuthMethod authMethod) {

	public Caller {
		scopes = Set.copyOf(scopes);
	}

	/**
	 * Whether the caller holds a scope.
	 * @param scope the scope to look for
	 * @return {@code true} if held
	 */
	public boolean holds(String scope) {
		return this.scopes.contains(scope);
	}

	/**
	 * How a caller authenticated.
	 */
	public enum AuthMethod {

		/** An OAuth2 bearer JWT. */
		JWT,

		/** A configured API key. */
		API_KEY

	}

}
