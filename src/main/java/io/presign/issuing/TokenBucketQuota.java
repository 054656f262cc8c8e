package io.presign.issuing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.presign.policy.Caller;
import io.presign.policy.Profile;
import io.presign.policy.RateLimit;

/**
 * A token bucket per (caller, profile), in this replica's memory: each replica enforces
 * the limit on the requests it serves. Buckets of idle callers are dropped once they
 * would be full again.
 */
final class TokenBucketQuota implements IssuanceQuota {

	private final Cache<BucketKey, Bucket> buckets;

	private final TimeMeter time;

	/**
	 * @param idleExpiry how long an idle caller's bucket is kept
	 * @param clock the time buckets refill by
	 */
	TokenBucketQuota(Duration idleExpiry, Clock clock) {
		this.buckets = Caffeine.newBuilder().expireAfterAccess(idleExpiry).maximumSize(1_000_000).build();
		this.time = new TimeMeter() {

			@Override
			public long currentTimeNanos() {
				Instant now = clock.instant();
				return now.getEpochSecond() * 1_000_000_000L + now.getNano();
			}

			@Override
			public boolean isWallClockBased() {
				return true;
			}

		};
	}

	@Override
	public void consume(Caller caller, Profile profile, int urls) {
		RateLimit limit = IssuanceQuota.limitFor(profile, urls);
		if (limit == null) {
			return;
		}
		Bucket bucket = this.buckets.get(new BucketKey(caller.authMethod(), caller.name(), profile.name()),
				(key) -> Bucket.builder()
					.withCustomTimePrecision(this.time)
					.addLimit(Bandwidth.builder()
						.capacity(limit.capacity())
						.refillGreedy(limit.capacity(), limit.period())
						.build())
					.build());
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(urls);
		if (!probe.isConsumed()) {
			Duration retryAfter = Duration.ofNanos(probe.getNanosToWaitForRefill());
			throw new QuotaExceededException("The rate limit of " + limit.capacity() + " URLs per "
					+ limit.period().toSeconds() + " s on profile '" + profile.name() + "' is used up", retryAfter,
					limit.capacity());
		}
	}

	private record BucketKey(Caller.AuthMethod method, String principal, String profile) {
	}

}
