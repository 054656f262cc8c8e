package io.presign.security;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import io.presign.support.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An issuer-only decoder whose identity provider is down: a 503-mapped
 * {@link JwtException}, one lookup per interval, and nothing in the way once the lookup
 * has worked.
 */
class GuardedJwtDecoderTest {

	private final AtomicInteger lookups = new AtomicInteger();

	private final MutableClock clock = MutableClock.at(Instant.parse("2026-11-28T00:00:00Z"));

	private volatile boolean providerUp;

	private final JwtDecoder issuerOnly = (token) -> {
		if (!this.providerUp) {
			this.lookups.incrementAndGet();
			throw new JwtDecoderInitializationException("Failed to lazily resolve the supplied JwtDecoder instance",
					new IllegalStateException("connection refused"));
		}
		if (token.equals("bad")) {
			throw new BadJwtException("bad signature");
		}
		return Jwt.withTokenValue(token).header("alg", "RS256").subject("dave").build();
	};

	private final GuardedJwtDecoder decoder = new GuardedJwtDecoder(this.issuerOnly, Duration.ofSeconds(10),
			this.clock);

	@Test
	void providerDownAsksOncePerIntervalAndFailsAsUnavailable() {
		for (int i = 0; i < 20; i++) {
			assertThatExceptionOfType(JwtException.class).isThrownBy(() -> this.decoder.decode("t"))
				.isNotInstanceOf(BadJwtException.class);
		}
		assertThat(this.lookups).hasValue(1);
		this.clock.advance(Duration.ofSeconds(11));
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> this.decoder.decode("t"));
		assertThat(this.lookups).hasValue(2);
	}

	@Test
	void onceTheProviderAnswersTokensAreDecodedAndRefusedAsUsual() {
		assertThatExceptionOfType(JwtException.class).isThrownBy(() -> this.decoder.decode("t"));
		this.providerUp = true;
		this.clock.advance(Duration.ofSeconds(11));
		assertThat(this.decoder.decode("t").getSubject()).isEqualTo("dave");
		assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> this.decoder.decode("bad"));
		assertThat(this.decoder.decode("t2").getTokenValue()).isEqualTo("t2");
	}

}
