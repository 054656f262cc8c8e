package io.presign.policy;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The authenticated party asking for a URL, as policy sees it.
 *
 * @param name the principal name that key templates expand to (a JWT's subject, an API
 * key's name)
 * @param scopes the scopes the caller holds
 * @param authMethod how the caller proved who it is
 * @param attributes values key templates may use: a JWT's claims, or the attributes
 * configured on an API key
 * @param allowedProfiles the only profiles the caller may use, or empty for any
 */
public record Caller(String name, Set<String> scopes, AuthMethod authMethod, Map<String, String> attributes,
		Set<String> allowedProfiles) {

	public Caller {
		scopes = Set.copyOf(scopes);
		attributes = Map.copyOf(attributes);
		allowedProfiles = Set.copyOf(allowedProfiles);
	}

	/**
	 * A caller with no attributes and no profile restriction.
	 * @param name the principal name
	 * @param authMethod how it authenticated
	 */
	public Caller(String name, Set<String> scopes, AuthMethod authMethod) {
		this(name, scopes, authMethod, Map.of(), Set.of());
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
	 * @param attribute an attribute name, such as a claim
	 * @return its value, if the caller has it
	 */
	public Optional<String> attribute(String attribute) {
		return Optional.ofNullable(this.attributes.get(attribute));
	}

	/**
	 * @param profile a profile name
	 * @return whether the caller is not restricted away from it
	 */
	public boolean mayUse(String profile) {
		return this.allowedProfiles.isEmpty() || this.allowedProfiles.contains(profile);
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
