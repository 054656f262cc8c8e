package io.presign.security;

import java.io.IOException;
import java.time.Duration;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * Lets a token with an unknown key id force a fetch of the key set at most once per interval. Without it
 * every such token, signed or not, makes the service call the identity provider: forged tokens would turn
 * the service into an amplifier and hold a thread each while the provider is slow. Within the interval
 * such a token is checked against the keys already known, and fails as an invalid token.
 */
final class ThrottledJwkSetSource implements JWKSetSource<SecurityContext> {

	private final JWKSetSource<SecurityContext> delegate;

	private final long minIntervalMillis;

	private volatile JWKSet known;

	private long lastForcedMillis;

	private boolean forcedOnce;

	ThrottledJwkSetSource(JWKSetSource<SecurityContext> delegate, Duration minInterval) {
		this.delegate = delegate;
		this.minIntervalMillis = minInterval.toMillis();
	}

	@Override
	public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
			throws KeySourceException {
		JWKSet current = this.known;
		if (current != null && refreshEvaluator.requiresRefresh(current) && !mayForce(currentTime)) {
			return current;
		}
		JWKSet fetched = this.delegate.getJWKSet(refreshEvaluator, currentTime, context);
		this.known = fetched;
		return fetched;
	}

	private synchronized boolean mayForce(long now) {
		if (this.forcedOnce && now - this.lastForcedMillis < this.minIntervalMillis) {
			return false;
		}
		this.forcedOnce = true;
		this.lastForcedMillis = now;
		return true;
	}

	@Override
	public void close() throws IOException {
		this.delegate.close();
	}

}
