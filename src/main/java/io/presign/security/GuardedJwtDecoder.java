package io.presign.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Guards a decoder that is configured only with an issuer and learns its key set location
 * on first use. Until that succeeds, a failure to reach the identity provider is a
 * {@link JwtException} (answered 503 {@code identity-provider-unavailable}), not Spring's
 * initialization error (a 500), and the provider is asked again at most once per
 * interval, whatever the number of tokens: otherwise every request with any bearer token
 * would make the service call it.
 */
final class GuardedJwtDecoder implements JwtDecoder {

	private static final long WAIT_FOR_LOOKUP_MILLIS = 1000;

	private final JwtDecoder delegate;

	private final Duration minInterval;

	private final Clock clock;

	private final ReentrantLock lookup = new ReentrantLock();

	private volatile boolean initialized;

	private volatile @Nullable Instant failedAt;

	GuardedJwtDecoder(JwtDecoder delegate, Duration minInterval, Clock clock) {
		this.delegate = delegate;
		this.minInterval = minInterval;
		this.clock = clock;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		if (this.initialized) {
			return this.delegate.decode(token);
		}
		if (!lock()) {
			throw new JwtException("The identity provider's configuration is being fetched; try again shortly");
		}
		try {
			return decodeFirst(token);
		}
		finally {
			this.lookup.unlock();
		}
	}

	/** Called with the lookup lock held. */
	private Jwt decodeFirst(String token) {
		Instant failed = this.failedAt;
		if (failed != null && this.clock.instant().isBefore(failed.plus(this.minInterval))) {
			throw new JwtException("The identity provider's configuration could not be fetched at " + failed
					+ "; not asking again yet");
		}
		try {
			Jwt jwt = this.delegate.decode(token);
			this.initialized = true;
			return jwt;
		}
		catch (JwtDecoderInitializationException ex) {
			this.failedAt = this.clock.instant();
			throw new JwtException("The identity provider's configuration could not be fetched: " + ex.getMessage(),
					ex);
		}
		catch (JwtException ex) {
			// A token the provider's configuration, once known, refuses: the decoder is
			// set up from now on.
			this.initialized = true;
			throw ex;
		}
	}

	private boolean lock() {
		try {
			return this.lookup.tryLock(WAIT_FOR_LOOKUP_MILLIS, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
