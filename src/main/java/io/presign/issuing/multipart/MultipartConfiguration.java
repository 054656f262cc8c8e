package io.presign.issuing.multipart;

import java.time.Clock;

import io.presign.issuing.RateLimitStoreProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Where redeemed tickets are remembered: where the rate limits are counted.
 */
@Configuration(proxyBeanMethods = false)
class MultipartConfiguration {

	@Bean
	TicketRedemptions ticketRedemptions(RateLimitStoreProperties properties,
			ObjectProvider<LettuceConnectionFactory> redis, Clock clock) {
		if (properties.store() == RateLimitStoreProperties.Store.MEMORY) {
			return new InMemoryTicketRedemptions(clock);
		}
		StringRedisTemplate template = new StringRedisTemplate(redis.getObject());
		template.afterPropertiesSet();
		return new SharedTicketRedemptions(template, properties.onStoreFailure(), clock);
	}

	/**
	 * How ticket URLs are made, a readiness detail: where they take their host from, and
	 * whether every replica can redeem them. Both are warnings, not failures: a single
	 * replica behind a proxy that sets Host works.
	 */
	@Bean
	HealthIndicator uploadTickets(UploadTicketProperties properties) {
		Health health = Health.up()
			.withDetail("baseUrl",
					(properties.baseUrl() != null) ? properties.baseUrl().toString()
							: "unset: ticket URLs take the scheme and host of each request, as forwarded; set "
									+ "presign.upload-tickets.base-url to the service's public URL")
			.withDetail("secret", (properties.secret() != null) ? "shared"
					: "random: tickets work only on the replica that issued them; set presign.upload-tickets.secret")
			.build();
		return () -> health;
	}

}
