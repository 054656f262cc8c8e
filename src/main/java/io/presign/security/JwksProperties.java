package io.presign.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the service fetches the identity provider's signing keys and verifies tokens, under
 * {@code presign.security.jwks}.
 *
 * @param minRefreshInterval the least time between two fetches forced by a token whose
 * key id is unknown: a stream of forged tokens then costs the identity provider one
 * request per interval, not one per token
 * @param connectTimeout how long to wait to connect to the JWKS endpoint
 * @param readTimeout how long to wait for its answer
 * @param verifiedTokenCache how long a token that passed verification is remembered, so
 * that its next requests skip the signature check (never past its {@code exp});
 * {@code 0s} checks every request
 */
@ConfigurationProperties("presign.security.jwks")
public record JwksProperties(@DefaultValue("10s") Duration minRefreshInterval,
		@DefaultValue("2s") Duration connectTimeout, @DefaultValue("3s") Duration readTimeout,
		@DefaultValue("60s") Duration verifiedTokenCache) {
}
