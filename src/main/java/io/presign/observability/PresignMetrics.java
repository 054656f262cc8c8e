package io.presign.observability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.presign.issuing.Issuance;
import io.presign.issuing.IssuanceObserver;
import io.presign.issuing.RevocationEvent;
import io.presign.issuing.UrlKind;
import io.presign.policy.Caller;
import io.presign.policy.ExpiryCap;
import io.presign.policy.Profile;
import io.presign.signing.SigningCredentials;

/**
 * The service's meters. Tags stay low-cardinality: profile, operation, region and reason,
 * never a key or a principal.
 */
public final class PresignMetrics implements IssuanceObserver {

	/** The profile tag of refusals whose profile is unknown or not configured. */
	static final String UNKNOWN_PROFILE = "unknown";

	private final MeterRegistry registry;

	// Meters are looked up once per profile and kind, not per URL: registering costs more
	// than counting.
	private final Map<MeterKey, IssuedMeters> issued = new ConcurrentHashMap<>();

	private final Map<CapKey, Counter> capped = new ConcurrentHashMap<>();

	private final Map<RefusalKey, Counter> rejected = new ConcurrentHashMap<>();

	/**
	 * @param credentials the signing credentials, whose time left is a gauge
	 */
	public PresignMetrics(MeterRegistry registry, SigningCredentials credentials, Clock clock) {
		this.registry = registry;
		Gauge.builder("presign.signing.credentials.remaining", () -> secondsLeft(credentials, clock))
			.description("Seconds until the signing credentials expire; absent for credentials that never do")
			.baseUnit("seconds")
			.register(registry);
	}

	@Override
	public void issued(Caller caller, Issuance issuance) {
		IssuedMeters meters = this.issued.computeIfAbsent(new MeterKey(issuance.profile().name(), issuance.kind()),
				(key) -> new IssuedMeters(this.registry, issuance.profile(), issuance.kind()));
		int urls = issuance.urlCount();
		meters.issued().increment(urls);
		Duration signingTime = issuance.signingTime().dividedBy(urls);
		for (int i = 0; i < urls; i++) {
			meters.expiry().record(issuance.lifetime().toSeconds());
			meters.signing().record(signingTime);
		}
		if (issuance.cappedBy() != null) {
			this.capped
				.computeIfAbsent(new CapKey(issuance.profile().name(), issuance.cappedBy()),
						(key) -> Counter.builder("presign.expiry.capped")
							.description("URLs issued with a shorter lifetime than asked")
							.tags("profile", key.profile(), "reason", key.reason().wireName())
							.register(this.registry))
				.increment(urls);
		}
	}

	@Override
	public void revocation(Caller caller, RevocationEvent event) {
		// Rare and admin-only: registering on each is cheap enough.
		Counter.builder("presign.revocations")
			.description("Revocations of outstanding URLs asked for, by outcome")
			.tags("profile", (event.profile() != null) ? event.profile() : "all", "outcome", event.outcome().wireName())
			.register(this.registry)
			.increment();
	}

	/**
	 * Count a refused request.
	 * @param profile the configured profile it named, or {@link #UNKNOWN_PROFILE}
	 * @param reason the problem code, for example {@code key-invalid}
	 */
	void rejected(String profile, String reason) {
		// Both come from bounded sets (configured profiles, problem codes), so this map
		// stays small.
		this.rejected
			.computeIfAbsent(new RefusalKey(profile, reason),
					(key) -> Counter.builder("presign.requests.rejected")
						.description("Requests refused, by problem code")
						.tags("profile", profile, "reason", reason)
						.register(this.registry))
			.increment();
	}

	private static double secondsLeft(SigningCredentials credentials, Clock clock) {
		try {
			Optional<Instant> end = credentials.current().expiresAt();
			return end.map((instant) -> (double) Duration.between(clock.instant(), instant).toSeconds())
				.orElse(Double.NaN);
		}
		catch (RuntimeException ex) {
			return Double.NaN;
		}
	}

	private record MeterKey(String profile, UrlKind kind) {
	}

	private record CapKey(String profile, ExpiryCap reason) {
	}

	private record RefusalKey(String profile, String reason) {
	}

	/**
	 * The meters of one profile and kind of URL.
	 */
	private record IssuedMeters(Counter issued, DistributionSummary expiry, Timer signing) {

		IssuedMeters(MeterRegistry registry, Profile profile, UrlKind kind) {
			this(Counter.builder("presign.urls.issued")
				.description("Presigned URLs issued")
				.tags("profile", profile.name(), "operation", kind.wireName(), "region", profile.region())
				.register(registry),
					DistributionSummary.builder("presign.url.expiry")
						.description("Lifetime of issued URLs")
						.baseUnit("seconds")
						.tags("profile", profile.name(), "operation", kind.wireName())
						.register(registry),
					Timer.builder("presign.signing")
						.description("Time to sign one URL")
						.tag("operation", kind.wireName())
						.publishPercentiles(0.5, 0.95, 0.99)
						.register(registry));
		}

	}

}
