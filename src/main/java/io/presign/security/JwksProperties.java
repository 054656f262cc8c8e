package io.presign.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the service fetches the identity provider's signing keys, under {@code presign.security.jwks}.
 *
 * @param minRefreshInterval the least time between two fetches forced by a token whose key id is unknown: a
 * stream of forged tokens then costs the identity provider one request per interval, not one per token
 * @param connectTimeout how long to wait to connect to the JWKS endpoint
 * @param readTimeout how long to wait for its answer
 */
@ConfigurationProperties("presign.security.jwks")
public record JwksProperties(@DefaultValue("10s") Duration minRefreshInterval,
		@DefaultValue("2s") Duration connectTimeout, @DefaultValue("3s") Duration readTimeout) {
}
