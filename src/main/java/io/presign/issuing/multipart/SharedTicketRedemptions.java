package io.presign.issuing.multipart;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.presign.issuing.QuotaUnavailableException;
import io.presign.issuing.RateLimitStoreProperties;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Redeemed tickets in the Redis every replica counts rate limits in, so that a replay is
 * seen wherever it arrives: {@code SET NX} claims, each record expiring with its ticket.
 * When Redis cannot answer, the deployment's {@code on-store-failure} decides, as for
 * rate limits: redeem unguarded ({@code fail-open}) or refuse with 503
 * ({@code fail-closed}).
 */
final class SharedTicketRedemptions implements TicketRedemptions {

	private static final Logger log = LoggerFactory.getLogger(SharedTicketRedemptions.class);

	private static final String PREFIX = "presign:ticket:";

	private final StringRedisTemplate redis;

	private final RateLimitStoreProperties.OnStoreFailure onFailure;

	private final Clock clock;

	SharedTicketRedemptions(StringRedisTemplate redis, RateLimitStoreProperties.OnStoreFailure onFailure, Clock clock) {
		this.redis = redis;
		this.onFailure = onFailure;
		this.clock = clock;
	}

	@Override
	public @Nullable String claim(String id, Instant expiresAt) {
		try {
			Boolean claimed = this.redis.opsForValue().setIfAbsent(PREFIX + id, PENDING, lifetime(expiresAt));
			if (Boolean.TRUE.equals(claimed)) {
				return null;
			}
			String answer = this.redis.opsForValue().get(PREFIX + id);
			// Expired between the two calls: this redemption may go ahead.
			return (answer != null) ? answer : claim(id, expiresAt);
		}
		catch (RuntimeException ex) {
			if (this.onFailure == RateLimitStoreProperties.OnStoreFailure.FAIL_CLOSED) {
				throw new QuotaUnavailableException("Redis cannot tell whether the ticket was redeemed", ex);
			}
			log.warn("Redis cannot tell whether ticket {} was redeemed; redeeming it unguarded (fail-open): {}", id,
					ex.getMessage());
			return null;
		}
	}

	@Override
	public void record(String id, String answer, Instant expiresAt) {
		try {
			this.redis.opsForValue().set(PREFIX + id, answer, lifetime(expiresAt));
		}
		catch (RuntimeException ex) {
			// The redemption succeeded; a retry that finds the record pending is told to
			// wait, until the ticket expires.
			log.warn("Could not record the redemption of ticket {}: {}", id, ex.getMessage());
		}
	}

	@Override
	public void release(String id) {
		try {
			this.redis.delete(PREFIX + id);
		}
		catch (RuntimeException ex) {
			log.warn("Could not release ticket {} after a failed redemption: {}", id, ex.getMessage());
		}
	}

	private Duration lifetime(Instant expiresAt) {
		Duration left = Duration.between(this.clock.instant(), expiresAt);
		return left.isNegative() || left.isZero() ? Duration.ofSeconds(1) : left;
	}

}
