package io.presign.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Ticker;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import io.micrometer.observation.ObservationRegistry;
import io.presign.policy.ProfileCatalog;
import io.presign.policy.ServicePrefixes;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.JwkSetUriJwtDecoderBuilderCustomizer;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.web.client.RestTemplate;

/**
 * What Spring Security's JWT defaults leave open for this service: tokens without
 * {@code exp} (valid forever), subjects that would share API-key callers' key prefixes,
 * and unbounded fetches of the key set. Spring Boot adds every
 * {@link OAuth2TokenValidator} bean to the issuer and audience checks, and applies every
 * {@link JwkSetUriJwtDecoderBuilderCustomizer}.
 */
@Configuration(proxyBeanMethods = false)
class JwtHardening {

	@Bean
	OAuth2TokenValidator<Jwt> expiryRequired() {
		return new JwtClaimValidator<Instant>(JwtClaimNames.EXP, (exp) -> exp != null);
	}

	/**
	 * API-key callers and token callers fill {@code {principal}} from one namespace: a
	 * token whose principal is a configured key's name would get that key's objects. Such
	 * tokens are refused here; prefixes that a key's attributes fill are guarded by
	 * {@link #servicePrefixes}.
	 */
	@Bean
	OAuth2TokenValidator<Jwt> apiKeyNamesReserved(PresignSecurityProperties apiKeys,
			OAuth2ResourceServerProperties resourceServer) {
		Set<String> reserved = apiKeys.apiKeys()
			.stream()
			.map(PresignSecurityProperties.ApiKey::name)
			.collect(Collectors.toUnmodifiableSet());
		String claim = (resourceServer.getJwt().getPrincipalClaimName() != null)
				? resourceServer.getJwt().getPrincipalClaimName() : JwtClaimNames.SUB;
		OAuth2Error error = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
				"The token's principal is the name of a configured API key", null);
		OAuth2Error anonymous = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "The token names no principal", null);
		return (jwt) -> {
			String principal = jwt.getClaimAsString(claim);
			if (principal == null || principal.isEmpty()) {
				return OAuth2TokenValidatorResult.failure(anonymous);
			}
			return reserved.contains(principal) ? OAuth2TokenValidatorResult.failure(error)
					: OAuth2TokenValidatorResult.success();
		};
	}

	/**
	 * The key prefixes of the API-key callers, which no token may resolve to: besides the
	 * name, a service's attributes ({@code {sub}}, {@code {claim:org_id}}) fill the same
	 * templates a token's claims do.
	 */
	@Bean
	ServicePrefixes servicePrefixes(PresignSecurityProperties apiKeys, ProfileCatalog catalog) {
		return ServicePrefixes.of(catalog,
				apiKeys.apiKeys().stream().map(PresignSecurityProperties.ApiKey::toCaller).toList());
	}

	/**
	 * Wraps the decoder Spring Boot builds, which with only an issuer configured fails
	 * every request with a 500 and asks the identity provider again each time while the
	 * provider is down; and remembers verified tokens for
	 * {@code presign.security.jwks.verified-token-cache}.
	 */
	@Bean
	static BeanPostProcessor guardedJwtDecoder(ObjectProvider<JwksProperties> jwks, ObjectProvider<Clock> clock) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (!(bean instanceof JwtDecoder decoder) || bean instanceof GuardedJwtDecoder
						|| bean instanceof VerifiedTokenCache) {
					return bean;
				}
				JwksProperties properties = jwks.getObject();
				Clock time = clock.getObject();
				JwtDecoder guarded = new GuardedJwtDecoder(decoder, properties.minRefreshInterval(), time);
				return (properties.verifiedTokenCache().compareTo(Duration.ZERO) > 0)
						? new VerifiedTokenCache(guarded, properties.verifiedTokenCache(), time, Ticker.systemTicker())
						: guarded;
			}

		};
	}

	/**
	 * Fetches of the key set bounded in time, and observed ({@code http.client.requests},
	 * a timer and a span): the authentication of a token is not (SecurityConfiguration),
	 * and a slow identity provider must still show.
	 */
	@Bean
	JwkSetUriJwtDecoderBuilderCustomizer boundedJwksFetches(JwksProperties jwks,
			ObjectProvider<ObservationRegistry> observations, Clock clock) {
		SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
		requests.setConnectTimeout(jwks.connectTimeout());
		requests.setReadTimeout(jwks.readTimeout());
		RestTemplate fetches = new RestTemplate(requests);
		fetches.setObservationRegistry(observations.getIfAvailable(() -> ObservationRegistry.NOOP));
		return (builder) -> builder.restOperations(fetches).jwtProcessorCustomizer((processor) -> {
			JWSKeySelector<SecurityContext> selector = processor.getJWSKeySelector();
			if (selector instanceof JWSVerificationKeySelector<SecurityContext> verification
					&& verification.getJWKSource() instanceof JWKSetBasedJWKSource<SecurityContext> source) {
				JWKSource<SecurityContext> throttled = new JWKSetBasedJWKSource<>(
						new ThrottledJwkSetSource(source.getJWKSetSource(), jwks.minRefreshInterval(), clock));
				processor.setJWSKeySelector((header, context) -> verification.isAllowed(header.getAlgorithm())
						? new JWSVerificationKeySelector<>(header.getAlgorithm(), throttled).selectJWSKeys(header,
								context)
						: List.of());
			}
		});
	}

}
