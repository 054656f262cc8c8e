package io.presign.config;

import java.util.List;

import io.presign.policy.ContentTypePolicy;
import io.presign.policy.KeyTemplate;
import io.presign.policy.PresignPolicy;
import io.presign.policy.Profile;
import io.presign.policy.ProfileCatalog;
import io.presign.policy.ServicePrefixes;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Turns validated configuration into the policy objects, which know nothing of Spring.
 */
@Configuration(proxyBeanMethods = false)
class PolicyConfiguration {

	@Bean
	ProfileCatalog profileCatalog(PresignProperties properties) {
		List<Profile> profiles = properties.profiles()
			.entrySet()
			.stream()
			.map((entry) -> toProfile(entry.getKey(), entry.getValue()))
			.toList();
		return new ProfileCatalog(profiles);
	}

	@Bean
	PresignPolicy presignPolicy(ProfileCatalog catalog, PresignProperties properties,
			ObjectProvider<ServicePrefixes> servicePrefixes) {
		return new PresignPolicy(catalog, properties.maxBatchSize(),
				servicePrefixes.getIfAvailable(() -> ServicePrefixes.NONE));
	}

	private static Profile toProfile(String name, ProfileProperties p) {
		long maxContentLength = (p.maxContentLength() != null) ? p.maxContentLength().toBytes() : 0;
		String requiredScope = (p.requiredScope() != null && !p.requiredScope().isBlank()) ? p.requiredScope() : null;
		return new Profile(name, p.bucket(), p.region(), p.endpoint(), p.pathStyle(), KeyTemplate.parse(p.keyPrefix()),
				p.keyStrategy(), p.operations(), p.scopeOperations(), ContentTypePolicy.of(p.contentTypes()), maxContentLength,
				p.toExpiryPolicy(), requiredScope, p.rateLimit().toRateLimit(), p.multipart().toSettings(), p.toEncryption(),
				(p.allowFormKeyPrefix() != null) ? p.allowFormKeyPrefix() : p.endpoint() == null, p.requireExisting(),
				p.toCloudFrontDelivery());
	}

}
