package io.presign.security;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.jspecify.annotations.Nullable;

/**
 * Lets tokens make the service fetch the key set at most once per interval: a token with
 * an unknown key id forces a fetch, and so does every token while no key set is known
 * (the identity provider was down at the first try). Without it every such token, signed
 * or not, makes the service call the identity provider: forged tokens would turn the
 * service into an amplifier and hold a thread each while the provider is slow. Within the
 * interval a token is checked against the keys already known (and fails as an invalid
 * token if its key is not among them), or, while none are known, fails at once as the
 * provider being unavailable.
 */
final class ThrottledJwkSetSource implements JWKSetSource<SecurityContext> {

	/** How long a token waits for a fetch another token started, before it gives up. */
	private static final long WAIT_FOR_FETCH_MILLIS = 1000;

	private final JWKSetSource<SecurityContext> delegate;

	private final long minIntervalMillis;

	private final ReentrantLock fetching = new ReentrantLock();

	private volatile @Nullable JWKSet known;

	private long lastAttemptMillis;

	private boolean attempted;

	private final Clock clock;

	/**
	 * @param clock the time the interval is counted in, which the delegate's own caches
	 * are given too
	 */
	ThrottledJwkSetSource(JWKSetSource<SecurityContext> delegate, Duration minInterval, Clock clock) {
		this.delegate = delegate;
		this.minIntervalMillis = minInterval.toMillis();
		this.clock = clock;
	}

	@Override
	public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long systemTime, SecurityContext context)
			throws KeySourceException {
		// Nimbus passes the system's time; the service's clock is the one its tests can
		// move.
		long currentTime = this.clock.millis();
		JWKSet current = this.known;
		if (current != null && !refreshEvaluator.requiresRefresh(current)) {
			// The delegate's own cache answers, and refreshes on its schedule.
			return remember(this.delegate.getJWKSet(refreshEvaluator, currentTime, context));
		}
		if (!lockFetching()) {
			return knownOrUnavailable(current);
		}
		try {
			current = this.known;
			if (current != null && !refreshEvaluator.requiresRefresh(current)) {
				return current;
			}
			if (!mayAttempt(currentTime)) {
				return knownOrUnavailable(current);
			}
			return remember(this.delegate.getJWKSet(refreshEvaluator, currentTime, context));
		}
		finally {
			this.fetching.unlock();
		}
	}

	private boolean lockFetching() throws KeySourceException {
		try {
			return this.fetching.tryLock(WAIT_FOR_FETCH_MILLIS, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KeySourceException("Interrupted while waiting for the identity provider's keys", ex);
		}
	}

	private JWKSet remember(JWKSet fetched) {
		this.known = fetched;
		return fetched;
	}

	private static JWKSet knownOrUnavailable(@Nullable JWKSet current) throws KeySourceException {
		if (current == null) {
			throw new KeySourceException(
					"The identity provider's keys could not be fetched lately; not asking again yet");
		}
		return current;
	}

	/** Called with the fetch lock held. */
	private boolean mayAttempt(long now) {
		if (this.attempted && now - this.lastAttemptMillis < this.minIntervalMillis) {
			return false;
		}
		this.attempted = true;
		this.lastAttemptMillis = now;
		return true;
	}

	@Override
	public void close() throws IOException {
		this.delegate.close();
	}

}
