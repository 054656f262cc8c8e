package io.presign.policy;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The configured profiles, by name.
 */
public final class ProfileCatalog {

	private static final int MAX_ECHOED_NAME = 64;

	private final Map<String, Profile> profiles;

	/**
	 * @param profiles the profiles, in the order they should be listed
	 */
	public ProfileCatalog(Collection<Profile> profiles) {
		Map<String, Profile> byName = new LinkedHashMap<>();
		for (Profile profile : profiles) {
			if (byName.putIfAbsent(profile.name(), profile) != null) {
				throw new IllegalArgumentException("duplicate profile '" + profile.name() + "'");
			}
		}
		this.profiles = Collections.unmodifiableMap(byName);
	}

	/**
	 * @param name a profile name
	 * @return the profile, if any
	 */
	public Optional<Profile> find(String name) {
		return Optional.ofNullable(this.profiles.get(name));
	}

	/**
	 * @param name a profile name, as a client gave it
	 * @return the profile
	 * @throws PolicyViolation (404) if no profile has that name
	 */
	public Profile require(String name) {
		return find(name).orElseThrow(() -> new PolicyViolation(Rule.PROFILE_NOT_FOUND, "profile",
				"No profile is named '" + TextRules.excerpt(String.valueOf(name), MAX_ECHOED_NAME) + "'"));
	}

	/**
	 * @return every profile
	 */
	public Collection<Profile> all() {
		return this.profiles.values();
	}

}
