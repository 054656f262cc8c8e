package io.presign.security;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Ticker;
import io.presign.support.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A verified token skips the signature check for a while, never past its expiry; a
 * refused one never does.
 */
class VerifiedTokenCacheTest {

	private static final Instant START = Instant.parse("2026-11-28T12:00:00Z");

	private final AtomicInteger decodes = new AtomicInteger();

	private final MutableClock clock = MutableClock.at(START);

	private final Ticker ticker = () -> Duration.between(START, this.clock.instant()).toNanos();

	/**
	 * Accepts "good-N" tokens expiring N seconds after the start; refuses anything else.
	 */
	private final JwtDecoder verifier = (token) -> {
		this.decodes.incrementAndGet();
		if (!token.startsWith("good-")) {
			throw new JwtException("bad signature");
		}
		long lifetime = Long.parseLong(token.substring(5));
		return Jwt.withTokenValue(token)
			.header("alg", "RS256")
			.subject("alice")
			.issuedAt(START)
			.expiresAt(START.plusSeconds(lifetime))
			.build();
	};

	private final VerifiedTokenCache cache = new VerifiedTokenCache(this.verifier, Duration.ofSeconds(60), this.clock,
			this.ticker);

	@Test
	void aVerifiedTokenIsCheckedOnceWithinTheLifetime() {
		Jwt first = this.cache.decode("good-3600");
		this.clock.set(START.plusSeconds(59));
		assertThat(this.cache.decode("good-3600")).isSameAs(first);
		assertThat(this.decodes).hasValue(1);
		this.clock.set(START.plusSeconds(61));
		this.cache.decode("good-3600");
		assertThat(this.decodes).as("verified again after the cache's lifetime").hasValue(2);
	}

	@Test
	void neverPastTheTokensExpiry() {
		this.cache.decode("good-30");
		this.clock.set(START.plusSeconds(31));
		this.cache.decode("good-30");
		assertThat(this.decodes).as("the expired token went back to the verifier, which refuses it in real life")
			.hasValue(2);
	}

	@Test
	void refusedTokensAreNeverRemembered() {
		for (int i = 0; i < 3; i++) {
			assertThatExceptionOfType(JwtException.class).isThrownBy(() -> this.cache.decode("forged"));
		}
		assertThat(this.decodes).hasValue(3);
	}

	@Test
	void onlyTheExactTokenHits() {
		this.cache.decode("good-3600");
		this.cache.decode("good-3601");
		assertThat(this.decodes).hasValue(2);
	}

}
