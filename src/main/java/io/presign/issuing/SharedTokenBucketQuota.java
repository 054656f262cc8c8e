package io.presign.issuing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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

/**
 * Token buckets every replica shares, in Redis through Bucket4j's proxy manager, so that
 * N replicas allow a caller one limit, not N. When Redis cannot answer, the deployment's
 * choice holds: issue uncounted (fail-open) or refuse with 503 (fail-closed); either way
 * the failure is counted and readiness says so.
 */
final class SharedTokenBucketQuota implements IssuanceQuota {

	private static final Logger log = LoggerFactory.getLogger(SharedTokenBucketQuota.class);

	/**
	 * After a failure, requests skip the store this long and follow the failure mode at
	 * once, one request then trying it again: an outage costs a request nothing, not a
	 * timeout each.
	 */
	private static final Duration SKIP_AFTER_FAILURE = Duration.ofSeconds(1);

	private final RateLimitStoreProperties.OnStoreFailure onFailure;

	private final Counter failures;

	private final Clock clock;

	private final ScheduledExecutorService connector;

	private volatile @Nullable ProxyManager<byte[]> buckets;

	private volatile @Nullable Instant failingSince;

	private volatile Instant skipUntil = Instant.EPOCH;

	private volatile @Nullable String lastFailure;

	/**
	 * @param connect makes the proxy manager, connecting to Redis: called on a thread of
	 * its own, at once and then every second until it succeeds, so that no request waits
	 * for a connection
	 */
	SharedTokenBucketQuota(Supplier<ProxyManager<byte[]>> connect, RateLimitStoreProperties.OnStoreFailure onFailure,
			MeterRegistry meters, Clock clock) {
		this.onFailure = onFailure;
		this.clock = clock;
		this.failures = Counter.builder("presign.rate_limit.store.failures")
			.description("Rate-limit checks the shared store could not answer")
			.tag("mode", onFailure.wireName())
			.register(meters);
		this.connector = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "rate-limit-store-connect");
			thread.setDaemon(true);
			return thread;
		});
		this.connector.execute(() -> connect(connect));
	}

	private void connect(Supplier<ProxyManager<byte[]>> connect) {
		try {
			this.buckets = connect.get();
			this.connector.shutdown();
		}
		catch (RuntimeException ex) {
			this.lastFailure = "Redis cannot be reached: " + ex.getMessage();
			this.connector.schedule(() -> connect(connect), 1, TimeUnit.SECONDS);
		}
	}

	@Override
	public void consume(Caller caller, Profile profile, int urls) {
		RateLimit limit = IssuanceQuota.limitFor(profile, urls);
		if (limit == null) {
			return;
		}
		ProxyManager<byte[]> store = this.buckets;
		Instant now = this.clock.instant();
		if (store == null || now.isBefore(this.skipUntil)) {
			unanswered(null);
			return;
		}
		ConsumptionProbe probe;
		try {
			probe = store.getProxy(key(caller, profile, limit), () -> configuration(limit))
				.tryConsumeAndReturnRemaining(urls);
		}
		catch (RuntimeException ex) {
			this.skipUntil = now.plus(SKIP_AFTER_FAILURE);
			unanswered(ex);
			return;
		}
		if (this.failingSince != null) {
			this.failingSince = null;
			log.info("The rate-limit store answers again");
		}
		if (!probe.isConsumed()) {
			throw new QuotaExceededException(
					"The rate limit of " + limit.capacity() + " URLs per " + limit.period().toSeconds()
							+ " s on profile '" + profile.name() + "' is used up",
					Duration.ofNanos(probe.getNanosToWaitForRefill()), limit.capacity());
		}
	}

	/**
	 * The store did not answer (or is skipped after failing): count it, then follow the
	 * failure mode.
	 * @param ex what failed, when the store was asked
	 */
	private void unanswered(@Nullable RuntimeException ex) {
		this.failures.increment();
		if (ex != null) {
			this.lastFailure = ex.getClass().getSimpleName() + ": " + ex.getMessage();
		}
		if (this.failingSince == null) {
			this.failingSince = this.clock.instant();
			log.warn("The rate-limit store cannot answer; requests are {} until it does: {}",
					(this.onFailure == RateLimitStoreProperties.OnStoreFailure.FAIL_OPEN) ? "issued uncounted"
							: "refused",
					this.lastFailure);
		}
		if (this.onFailure == RateLimitStoreProperties.OnStoreFailure.FAIL_CLOSED) {
			throw new QuotaUnavailableException("The rate-limit store cannot answer", ex);
		}
	}

	/**
	 * The limit is part of the key: a changed limit starts fresh buckets rather than keep
	 * the old shape.
	 */
	private static byte[] key(Caller caller, Profile profile, RateLimit limit) {
		return ("presign:rate:" + profile.name() + ":" + limit.capacity() + "/" + limit.period().toMillis() + ":"
				+ caller.authMethod() + ":" + caller.name())
			.getBytes(StandardCharsets.UTF_8);
	}

	private static BucketConfiguration configuration(RateLimit limit) {
		return BucketConfiguration.builder()
			.addLimit(
					(bandwidth) -> bandwidth.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.period()))
			.build();
	}

	/**
	 * Always up: the store failing is the deployment's chosen mode, not a reason to take
	 * replicas out of service (they all share the store); the details say what is
	 * happening.
	 */
	Health health() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("store", "redis");
		details.put("onStoreFailure", this.onFailure.wireName());
		Instant since = this.failingSince;
		details.put("state", (this.buckets == null) ? "not connected" : (since == null) ? "answering" : "failing");
		if (since != null) {
			details.put("failingSince", since.toString());
		}
		if (this.buckets == null || since != null) {
			details.put("lastFailure", String.valueOf(this.lastFailure));
		}
		return Health.up().withDetails(details).build();
	}

}
