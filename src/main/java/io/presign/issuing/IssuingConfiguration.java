package io.presign.issuing;

import java.time.Duration;

import io.presign.policy.Profile;
import io.presign.policy.ProfileCatalog;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the rate limiter that {@link UrlIssuer} counts against.
 */
@Configuration(proxyBeanMethods = false)
class IssuingConfiguration {

	/**
	 * Buckets of idle callers are dropped once the longest period of any profile has passed: by then they would
	 * be full again.
	 */
	@Bean
	TokenBucketQuota issuanceQuota(ProfileCatalog catalog) {
		Duration longestPeriod = catalog.all()
			.stream()
			.map((Profile profile) -> profile.rateLimit().period())
			.max(Duration::compareTo)
			.orElse(Duration.ofMinutes(1));
		return new TokenBucketQuota(longestPeriod);
	}

}
