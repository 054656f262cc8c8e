package io.presign.signing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.presign.policy.Profile;
import io.presign.policy.ProfileCatalog;
import software.amazon.awssdk.core.exception.SdkException;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness of each profile to sign: credentials resolvable, enough of them left for the
 * profile's minimum lifetime, and its bucket not known to be in another region. Uses the
 * start-up region check and the credentials' own cache, so a probe makes no AWS call
 * unless a session renewal is due anyway.
 */
final class SigningHealthIndicator implements HealthIndicator {

	private final ProfileCatalog catalog;

	private final SigningCredentials credentials;

	private final BucketRegionCheck regions;

	private final Duration safetyMargin;

	private final Clock clock;

	SigningHealthIndicator(ProfileCatalog catalog, SigningCredentials credentials, BucketRegionCheck regions,
			Duration safetyMargin, Clock clock) {
		this.catalog = catalog;
		this.credentials = credentials;
		this.regions = regions;
		this.safetyMargin = safetyMargin;
		this.clock = clock;
	}

	@Override
	public Health health() {
		Optional<Instant> end;
		SigningIdentity identity;
		try {
			identity = this.credentials.current();
			end = identity.expiresAt();
		}
		catch (SdkException ex) {
			return Health.down().withDetail("credentials", "unresolvable: " + ex.getMessage()).build();
		}
		Duration left = end.map((instant) -> Duration.between(this.clock.instant(), instant).minus(this.safetyMargin))
			.orElse(null);
		boolean up = true;
		Map<String, Object> profiles = new LinkedHashMap<>();
		for (Profile profile : this.catalog.all()) {
			BucketRegion region = this.regions.resultFor(profile.name());
			boolean enoughLeft = left == null || left.compareTo(profile.expiry().minExpiry()) >= 0;
			boolean regionOk = region == null || !region.mismatched();
			up &= enoughLeft && regionOk;
			Map<String, Object> detail = new LinkedHashMap<>();
			detail.put("region", (region != null) ? region.state() : "pending");
			detail.put("credentials", enoughLeft ? "ok" : "expiring");
			profiles.put(profile.name(), detail);
		}
		Health.Builder health = up ? Health.up() : Health.down();
		if (left != null) {
			health.withDetail("credentialsSecondsLeft", Math.max(0, left.plus(this.safetyMargin).toSeconds()));
		}
		if (SigningIdentity.isLongTerm(identity.credentials().accessKeyId())
				&& this.catalog.all().stream().anyMatch((profile) -> profile.endpoint() == null)) {
			// Still ready: a warning, since such keys work; but every URL they sign lives
			// until it expires,
			// whereas a role's session can be cut short.
			health.withDetail("warning", SigningIdentity.LONG_TERM_WARNING);
		}
		return health.withDetail("profiles", profiles).build();
	}

}
