package io.presign.observability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.presign.issuing.Issuance;
import io.presign.issuing.IssuanceObserver;
import io.presign.policy.Caller;
import io.presign.signing.SigningCredentials;

/**
 * The service's meters. Tags stay low-cardinality: profile, operation, region and reason, never a key or a
 * principal.
 */
public final class PresignMetrics implements IssuanceObserver {

	/** The profile tag of refusals whose profile is unknown or not configured. */
	static final String UNKNOWN_PROFILE = "unknown";

	private final MeterRegistry registry;

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
		String profile = issuance.profile().name();
		String operation = issuance.kind().wireName();
		Counter.builder("presign.urls.issued")
			.description("Presigned URLs issued")
			.tags("profile", profile, "operation", operation, "region", issuance.profile().region())
			.register(this.registry)
			.increment();
		DistributionSummary.builder("presign.url.expiry")
			.description("Lifetime of issued URLs")
			.baseUnit("seconds")
			.tags("profile", profile, "operation", operation)
			.register(this.registry)
			.record(issuance.lifetime().toSeconds());
		Timer.builder("presign.signing")
			.description("Time to sign one URL")
			.tag("operation", operation)
			.publishPercentiles(0.5, 0.95, 0.99)
			.register(this.registry)
			.record(issuance.signingTime());
		if (issuance.cappedBy() != null) {
			Counter.builder("presign.expiry.capped")
				.description("URLs issued with a shorter lifetime than asked")
				.tags("profile", profile, "reason", issuance.cappedBy().wireName())
				.register(this.registry)
				.increment();
		}
	}

	/**
	 * Count a refused request.
	 * @param profile the configured profile it named, or {@link #UNKNOWN_PROFILE}
	 * @param reason the problem code, for example {@code key-invalid}
	 */
	void rejected(String profile, String reason) {
		Counter.builder("presign.requests.rejected")
			.description("Requests refused, by problem code")
			.tags("profile", profile, "reason", reason)
			.register(this.registry)
			.increment();
	}

	private static double secondsLeft(SigningCredentials credentials, Clock clock) {
		try {
			Optional<Instant> end = credentials.current().expiresAt();
			return end.map((instant) -> (double) Duration.between(clock.instant(), instant).toSeconds()).orElse(Double.NaN);
		}
		catch (RuntimeException ex) {
			return Double.NaN;
		}
	}

}
