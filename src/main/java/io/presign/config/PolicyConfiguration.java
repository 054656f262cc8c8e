package io.presign.config;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.presign.policy.CloudFrontDelivery;
import io.presign.policy.ContentTypePolicy;
import io.presign.policy.KeyTemplate;
import io.presign.policy.MultipartPolicy;
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
		checkDistributions(profiles);
		return new ProfileCatalog(profiles);
	}

	/**
	 * A CloudFront URL names no bucket, only a path: profiles sharing a distribution must
	 * share its bucket, or one profile's URLs would reach another bucket's objects
	 * through the same paths.
	 */
	static void checkDistributions(List<Profile> profiles) {
		Map<String, Profile> byDomain = new HashMap<>();
		for (Profile profile : profiles) {
			CloudFrontDelivery delivery = profile.cloudFront();
			if (delivery == null) {
				continue;
			}
			Profile other = byDomain.putIfAbsent(delivery.distributionDomain().toLowerCase(Locale.ROOT), profile);
			if (other != null && !other.bucket().equals(profile.bucket())) {
				throw new IllegalStateException("Profiles '" + other.name() + "' and '" + profile.name()
						+ "' deliver through the same CloudFront distribution (" + delivery.distributionDomain()
						+ ") from different buckets: a CloudFront URL names only a path, so each would reach the "
						+ "other's objects. Give each bucket a distribution of its own.");
			}
		}
	}

	@Bean
	PresignPolicy presignPolicy(ProfileCatalog catalog, PresignProperties properties,
			ObjectProvider<ServicePrefixes> servicePrefixes) {
		return new PresignPolicy(catalog, properties.maxBatchSize(),
				servicePrefixes.getIfAvailable(() -> ServicePrefixes.NONE));
	}

	@Bean
	MultipartPolicy multipartPolicy(PresignPolicy policy, ProfileCatalog catalog, PresignProperties properties) {
		return new MultipartPolicy(policy, catalog, properties.maxBatchSize());
	}

	private static Profile toProfile(String name, ProfileProperties p) {
		long maxContentLength = (p.maxContentLength() != null) ? p.maxContentLength().toBytes() : 0;
		String requiredScope = (p.requiredScope() != null && !p.requiredScope().isBlank()) ? p.requiredScope() : null;
		return new Profile(name, p.bucket(), p.region(), p.endpoint(), p.pathStyle(), KeyTemplate.parse(p.keyPrefix()),
				p.keyStrategy(), p.operations(), p.scopeOperations(), ContentTypePolicy.of(p.contentTypes()),
				maxContentLength, p.toExpiryPolicy(), requiredScope, p.rateLimit().toRateLimit(),
				p.multipart().toSettings(), p.toEncryption(),
				(p.allowFormKeyPrefix() != null) ? p.allowFormKeyPrefix() : p.endpoint() == null, p.requireExisting(),
				p.toCloudFrontDelivery());
	}

}
