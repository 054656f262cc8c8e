package io.presign.issuing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.presign.policy.Caller;
import io.presign.policy.Profile;
import io.presign.policy.RateLimit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Token buckets every replica shares, in Redis through Bucket4j's proxy manager, so that N replicas allow a
 * caller one limit, not N. When Redis cannot answer, the deployment's choice holds: issue uncounted
 * (fail-open) or refuse with 503 (fail-closed); either way the failure is counted and readiness says so.
 */
final class SharedTokenBucketQuota implements IssuanceQuota, HealthIndicator {

	private static final Logger log = LoggerFactory.getLogger(SharedTokenBucketQuota.class);

	/** A connection that failed is tried again after this long, not by every request. */
	private static final Duration RECONNECT_AFTER = Duration.ofSeconds(1);

	private final Supplier<ProxyManager<byte[]>> connect;

	private final RateLimitProperties.OnStoreFailure onFailure;

	private final Counter failures;

	private final Clock clock;

	private volatile @Nullable ProxyManager<byte[]> buckets;

	private volatile @Nullable Instant failingSince;

	private volatile @Nullable Instant connectAfter;

	private volatile @Nullable String lastFailure;

	/**
	 * @param connect makes the proxy manager, connecting to Redis; called again after a failed connection
	 */
	SharedTokenBucketQuota(Supplier<ProxyManager<byte[]>> connect, RateLimitProperties.OnStoreFailure onFailure,
			MeterRegistry meters, Clock clock) {
		this.connect = connect;
		this.onFailure = onFailure;
		this.clock = clock;
		this.failures = Counter.builder("presign.rate_limit.store.failures")
			.description("Rate-limit checks the shared store could not answer")
			.tag("mode", (onFailure == RateLimitProperties.OnStoreFailure.FAIL_OPEN) ? "fail-open" : "fail-closed")
			.register(meters);
	}

	@Override
	public void consume(Caller caller, Profile profile, int urls) {
		RateLimit limit = IssuanceQuota.limitFor(profile, urls);
		if (limit == null) {
			return;
		}
		ConsumptionProbe probe;
		try {
			probe = buckets().getProxy(key(caller, profile, limit), () -> configuration(limit))
				.tryConsumeAndReturnRemaining(urls);
		}
		catch (RuntimeException ex) {
			failed(ex);
			if (this.onFailure == RateLimitProperties.OnStoreFailure.FAIL_CLOSED) {
				throw new QuotaUnavailableException("The rate-limit store cannot answer", ex);
			}
			return;
		}
		this.failingSince = null;
		if (!probe.isConsumed()) {
			throw new QuotaExceededException("The rate limit of " + limit.capacity() + " URLs per "
					+ limit.period().toSeconds() + " s on profile '" + profile.name() + "' is used up",
					Duration.ofNanos(probe.getNanosToWaitForRefill()), limit.capacity());
		}
	}

	private ProxyManager<byte[]> buckets() {
		ProxyManager<byte[]> current = this.buckets;
		if (current != null) {
			return current;
		}
		synchronized (this) {
			if (this.buckets == null) {
				Instant after = this.connectAfter;
				if (after != null && this.clock.instant().isBefore(after)) {
					throw new IllegalStateException("Redis was unreachable moments ago: " + this.lastFailure);
				}
				try {
					this.buckets = this.connect.get();
				}
				catch (RuntimeException ex) {
					this.connectAfter = this.clock.instant().plus(RECONNECT_AFTER);
					throw ex;
				}
			}
			return this.buckets;
		}
	}

	private void failed(RuntimeException ex) {
		this.failures.increment();
		this.lastFailure = ex.getClass().getSimpleName() + ": " + ex.getMessage();
		if (this.failingSince == null) {
			this.failingSince = this.clock.instant();
			log.warn("The rate-limit store cannot answer; requests are {} until it does: {}",
					(this.onFailure == RateLimitProperties.OnStoreFailure.FAIL_OPEN) ? "issued uncounted" : "refused",
					this.lastFailure);
		}
	}

	/**
	 * The limit is part of the key: a changed limit starts fresh buckets rather than keep the old shape.
	 */
	private static byte[] key(Caller caller, Profile profile, RateLimit limit) {
		return ("presign:rate:" + profile.name() + ":" + limit.capacity() + "/" + limit.period().toMillis() + ":"
				+ caller.authMethod() + ":" + caller.name()).getBytes(StandardCharsets.UTF_8);
	}

	private static BucketConfiguration configuration(RateLimit limit) {
		return BucketConfiguration.builder()
			.addLimit((bandwidth) -> bandwidth.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
			.build();
	}

	/**
	 * Always up: the store failing is the deployment's chosen mode, not a reason to take replicas out of
	 * service (they all share the store); the details say what is happening.
	 */
	@Override
	public Health health() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("store", "redis");
		details.put("onStoreFailure",
				(this.onFailure == RateLimitProperties.OnStoreFailure.FAIL_OPEN) ? "fail-open" : "fail-closed");
		Instant since = this.failingSince;
		details.put("state", (since == null) ? "answering" : "failing");
		if (since != null) {
			details.put("failingSince", since.toString());
			details.put("lastFailure", String.valueOf(this.lastFailure));
		}
		return Health.up().withDetails(details).build();
	}

}
