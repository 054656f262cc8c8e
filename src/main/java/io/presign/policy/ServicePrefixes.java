package io.presign.policy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The key prefixes that API-key callers (backend services) resolve to, per profile. A
 * token caller fills the same template from its claims, which its identity provider
 * chooses: a token whose prefix on a profile is a service's would reach that service's
 * objects. Such a token is refused on that profile. Profiles whose prefix names no caller
 * value ({@code reports/}) are shared by design and reserve nothing.
 */
public final class ServicePrefixes {

	/** No API keys: nothing reserved. */
	public static final ServicePrefixes NONE = new ServicePrefixes(Map.of());

	private final Map<String, Set<String>> byProfile;

	private ServicePrefixes(Map<String, Set<String>> byProfile) {
		this.byProfile = byProfile;
	}

	/**
	 * The prefixes the API-key callers resolve to on each profile they may use.
	 * @param catalog the profiles
	 * @param services the API-key callers
	 * @return the reserved prefixes
	 */
	public static ServicePrefixes of(ProfileCatalog catalog, List<Caller> services) {
		Map<String, Set<String>> byProfile = new HashMap<>();
		for (Profile profile : catalog.all()) {
			if (profile.keyPrefix().isConstant()) {
				continue;
			}
			for (Caller service : services) {
				if (service.mayUse(profile.name())) {
					try {
						byProfile.computeIfAbsent(profile.name(), (name) -> new HashSet<>())
							.add(profile.keyPrefix().expand(service));
					}
					catch (PolicyViolation ex) {
						// This service cannot use the profile's template: it reserves
						// nothing there.
					}
				}
			}
		}
		byProfile.replaceAll((name, prefixes) -> Set.copyOf(prefixes));
		return new ServicePrefixes(Map.copyOf(byProfile));
	}

	/**
	 * Refuse a token caller whose prefix on the profile is a service's.
	 * @throws PolicyViolation 403 {@code key-prefix-unresolvable}
	 */
	void check(Profile profile, Caller caller) {
		if (caller.authMethod() == Caller.AuthMethod.API_KEY) {
			return;
		}
		Set<String> reserved = this.byProfile.get(profile.name());
		if (reserved == null) {
			return;
		}
		String prefix;
		try {
			prefix = profile.keyPrefix().expand(caller);
		}
		catch (PolicyViolation ex) {
			return; // refused later, where the key is resolved
		}
		if (reserved.contains(prefix)) {
			throw new PolicyViolation(Rule.KEY_PREFIX_UNRESOLVABLE, null,
					"The caller's key prefix on profile '" + profile.name() + "' belongs to a service's API key");
		}
	}

}
