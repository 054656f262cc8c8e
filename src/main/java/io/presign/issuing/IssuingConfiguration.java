package io.presign.issuing;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.presign.config.InvalidConfigurationException;
import io.presign.policy.Profile;
import io.presign.policy.ProfileCatalog;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Wires the rate limiter that {@link UrlIssuer} counts against: in each replica's memory,
 * or shared in Redis.
 */
@Configuration(proxyBeanMethods = false)
class IssuingConfiguration {

	/**
	 * Buckets of idle callers are dropped once the longest period of any profile has
	 * passed: by then they would be full again.
	 */
	@Bean
	IssuanceQuota issuanceQuota(ProfileCatalog catalog, RateLimitStoreProperties properties,
			ObjectProvider<LettuceConnectionFactory> redis, MeterRegistry meters, Clock clock,
			Environment environment) {
		Duration longestPeriod = catalog.all()
			.stream()
			.map((Profile profile) -> profile.rateLimit().period())
			.max(Duration::compareTo)
			.orElse(Duration.ofMinutes(1));
		if (properties.store() == RateLimitStoreProperties.Store.MEMORY) {
			return new TokenBucketQuota(longestPeriod, clock);
		}
		LettuceConnectionFactory factory = redis.getIfAvailable();
		if (factory == null) {
			throw new IllegalStateException("presign.rate-limit.store is redis, but Spring Boot made no Redis client");
		}
		return new SharedTokenBucketQuota(() -> proxyManager(factory, properties.storeTimeout(), longestPeriod),
				properties.onStoreFailure(), meters, clock);
	}

	/**
	 * Bucket4j's compare-and-swap proxy manager on Spring Boot's Lettuce client,
	 * standalone or cluster; buckets expire from Redis once they would be full again.
	 */
	private static ProxyManager<byte[]> proxyManager(LettuceConnectionFactory factory, Duration timeout,
			Duration longestPeriod) {
		AbstractRedisClient client = factory.getNativeClient();
		Bucket4jLettuce.LettuceBasedProxyManagerBuilder<byte[]> builder = (client instanceof RedisClusterClient cluster)
				? Bucket4jLettuce.casBasedBuilder(cluster) : Bucket4jLettuce.casBasedBuilder((RedisClient) client);
		return builder.requestTimeout(timeout)
			.expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(longestPeriod))
			.build();
	}

	@Bean
	ObservedSigning observedSigning(List<IssuanceObserver> observers,
			ObjectProvider<ObservationRegistry> observations) {
		return new ObservedSigning(observers, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

	/**
	 * Refuses {@code store: redis} without a Redis before any bean is created: Spring
	 * Boot would otherwise connect to localhost:6379, and a store nobody configured is a
	 * mistake.
	 */
	@Bean
	static BeanFactoryPostProcessor redisConfiguredForSharedLimits(Environment environment) {
		return (beanFactory) -> {
			String store = environment.getProperty("presign.rate-limit.store", "memory");
			if (!store.equalsIgnoreCase("redis")) {
				return;
			}
			if (!(environment.containsProperty("spring.data.redis.url")
					|| environment.containsProperty("spring.data.redis.host"))) {
				throw new InvalidConfigurationException(List.of(new InvalidConfigurationException.Problem(
						"presign.rate-limit.store", store, "counts in Redis, but no Redis is configured",
						"set spring.data.redis.url (or .host, .port and .password), or store: memory")));
			}
			String url = environment.getProperty("spring.data.redis.url");
			if (url != null && !isRedisUrl(url)) {
				// The URL may carry the password: it is never shown.
				throw new InvalidConfigurationException(List.of(new InvalidConfigurationException.Problem(
						"spring.data.redis.url", InvalidConfigurationException.Problem.MASKED,
						"is no Redis URL (Spring Boot would fail with a stack trace)",
						"write redis://[:password@]host:port or rediss://... for TLS")));
			}
		};
	}

	private static boolean isRedisUrl(String url) {
		try {
			URI uri = new URI(url);
			return ("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme())) && uri.getHost() != null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	/**
	 * While Redis is unreachable, Lettuce refuses commands at once instead of queueing
	 * them without bound until it reconnects: the shared quota then follows its failure
	 * mode without waiting or growing memory.
	 */
	@Bean
	LettuceClientOptionsBuilderCustomizer rateLimitStoreClientOptions() {
		return (options) -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.requestQueueSize(10_000);
	}

	/**
	 * Where limits are counted and, for a shared store, whether it answers: a readiness
	 * detail.
	 */
	@Bean
	HealthIndicator rateLimitStore(IssuanceQuota quota) {
		// Not a HealthIndicator itself, so that the quota is not a second health
		// contributor.
		if (quota instanceof SharedTokenBucketQuota shared) {
			return shared::health;
		}
		return () -> Health.up().withDetail("store", "memory").build();
	}

}
