package io.presign.support;

import java.nio.file.Path;
import java.security.KeyPair;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link IntegrationTest} with two download profiles delivered through one CloudFront
 * distribution: {@code cdn}, under {@code users/{principal}/}, and {@code cdn-shared},
 * with no key prefix. Subclasses share one application context, besides the one of
 * {@link IntegrationTest}.
 */
public abstract class CloudFrontIntegrationTest extends IntegrationTest {

	/** The distribution's domain. */
	protected static final String DISTRIBUTION_DOMAIN = "d111111abcdef8.cloudfront.net";

	/** The id of the key pair the distribution trusts. */
	protected static final String KEY_PAIR_ID = "K2JCJMDEHXQW5F";

	/** The key pair: its private key signs, its public key verifies what was signed. */
	protected static final KeyPair CLOUDFRONT_KEYS = CloudFrontTestKeys.generate();

	@DynamicPropertySource
	static void cloudFrontProfiles(DynamicPropertyRegistry registry) {
		Path pem = CloudFrontTestKeys.writePem(CLOUDFRONT_KEYS);
		registry.add("presign.signing.region-check", () -> "off");
		cloudFrontProfile(registry, "cdn", pem);
		registry.add("presign.profiles.cdn.key-prefix", () -> "users/{principal}/");
		registry.add("presign.profiles.cdn.max-expiry", () -> "2h");
		// The same distribution and bucket, with no key prefix: shared files.
		cloudFrontProfile(registry, "cdn-shared", pem);
	}

	private static void cloudFrontProfile(DynamicPropertyRegistry registry, String name, Path pem) {
		String profile = "presign.profiles." + name + ".";
		registry.add(profile + "bucket", () -> "media-bucket");
		registry.add(profile + "region", () -> "eu-west-1");
		registry.add(profile + "operations", () -> "download");
		registry.add(profile + "required-scope", () -> "files");
		registry.add(profile + "delivery", () -> "cloudfront");
		registry.add(profile + "cloudfront.distribution-domain", () -> DISTRIBUTION_DOMAIN);
		registry.add(profile + "cloudfront.key-pair-id", () -> KEY_PAIR_ID);
		registry.add(profile + "cloudfront.private-key-location", () -> pem.toUri().toString());
	}

}
