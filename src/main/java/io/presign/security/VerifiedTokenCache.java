package io.presign.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens that passed verification for a short while, so that a frontend calling
 * with the same bearer token many times pays the RS256 signature check, the largest cost
 * of a JWT request, once. What is kept is keyed by the whole token, signature included,
 * so only the exact bytes that were verified hit it; refused tokens are never kept; an
 * entry ends at the token's {@code exp} at the latest, and every hit checks {@code exp}
 * again. The one thing it delays is the effect of the identity provider withdrawing a
 * signing key: tokens already verified with that key keep working for up to the cache's
 * lifetime.
 */
final class VerifiedTokenCache implements JwtDecoder {

	static final int MAX_TOKENS = 10_000;

	private final JwtDecoder delegate;

	private final Clock clock;

	private final Cache<String, Jwt> verified;

	/**
	 * @param lifetime how long a verified token is remembered at most
	 * @param ticker the cache's time source, the same time as {@code clock}
	 */
	VerifiedTokenCache(JwtDecoder delegate, Duration lifetime, Clock clock, Ticker ticker) {
		this.delegate = delegate;
		this.clock = clock;
		this.verified = Caffeine.newBuilder()
			.maximumSize(MAX_TOKENS)
			.ticker(ticker)
			.expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> {
				Duration left = (jwt.getExpiresAt() != null) ? Duration.between(clock.instant(), jwt.getExpiresAt())
						: Duration.ZERO;
				return (left.compareTo(lifetime) < 0) ? (left.isNegative() ? Duration.ZERO : left) : lifetime;
			}))
			.build();
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		Jwt known = this.verified.getIfPresent(token);
		Instant now = this.clock.instant();
		if (known != null && known.getExpiresAt() != null && now.isBefore(known.getExpiresAt())) {
			return known;
		}
		Jwt jwt = this.delegate.decode(token);
		this.verified.put(token, jwt);
		return jwt;
	}

}
