package io.presign.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.presign.policy.Profile;
import io.presign.policy.ProfileCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bad profile fails start-up with a message naming the property at fault.
 */
class ProfilePropertiesTest {

	private static final String[] VALID = { "presign.profiles.avatars.bucket=my-avatars",
			"presign.profiles.avatars.region=eu-west-1", "presign.profiles.avatars.key-prefix=users/{principal}/",
			"presign.profiles.avatars.operations=download,upload",
			"presign.profiles.avatars.content-types=image/png,image/*",
			"presign.profiles.avatars.max-content-length=10MB", "presign.profiles.avatars.default-expiry=5m",
			"presign.profiles.avatars.max-expiry=1h", "presign.profiles.avatars.required-scope=avatars" };

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void validProfileBindsIntoTheCatalog() {
		this.runner.withPropertyValues(VALID).run((context) -> {
			assertThat(context).hasNotFailed();
			Profile avatars = context.getBean(ProfileCatalog.class).find("avatars").orElseThrow();
			assertThat(avatars.maxContentLength()).isEqualTo(10L * 1024 * 1024);
			assertThat(avatars.expiry().maxExpiry()).isEqualTo(Duration.ofHours(1));
			assertThat(avatars.contentTypes().allowed()).containsExactly("image/png", "image/*");
			assertThat(avatars.keyPrefix()).hasToString("users/{principal}/");
		});
	}

	@Test
	void noProfilesIsAValidEmptyCatalog() {
		this.runner.run((context) -> assertThat(context.getBean(ProfileCatalog.class).all()).isEmpty());
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|',
			value = { "bucket|''|bucket", "region|''|region", "region|EU West|region",
					"key-prefix|users/{principal}|keyPrefixValid", "key-prefix|users/{group}/|keyPrefixValid",
					"content-types|images|contentTypesValid", "max-expiry|8d|expiryRangeValid",
					"default-expiry|2h|expiryRangeValid", "default-expiry|0s|expiryRangeValid",
					"required-scope|''|scopesValid", "operations|''|operations" })
	void invalidValueFailsStartUpNamingTheProperty(String property, String value, String reported) {
		this.runner.withPropertyValues(with(property, value)).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure())).contains("on presign")
				.contains("profiles[avatars]." + reported);
		});
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "http://127.0.0.1:9000", "ftp://s3.example.test", "s3.example.test" })
	void endpointsOtherThanHttpsFailStartUpUnlessInsecureIsAllowed(String endpoint) {
		this.runner.withPropertyValues(with("endpoint", endpoint)).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure())).contains("profiles[avatars].endpointSecure")
				.contains("allow-insecure-endpoint: true");
		});
		boolean http = endpoint.startsWith("http://");
		this.runner.withPropertyValues(with("endpoint", endpoint))
			.withPropertyValues("presign.profiles.avatars.allow-insecure-endpoint=true")
			.run((context) -> assertThat(context.getStartupFailure() == null).as("allowed").isEqualTo(http));
		this.runner.withPropertyValues(with("endpoint", "https://s3.example.test:8443"))
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void uploadWithoutLimitsFailsStartUp() {
		this.runner.withPropertyValues(with("content-types", "")).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure())).contains("profiles[avatars].uploadLimitsSet")
				.contains("content-types and a positive max-content-length");
		});
	}

	@Test
	void unknownPropertiesFailStartUpNamingEachAndTheNearestKnownName() {
		this.runner.withUserConfiguration(UnknownPropertiesCheck.class)
			.withPropertyValues(VALID)
			.withPropertyValues("presign.profiles.avatars.max-contnet-length=1MB",
					"presign.profiles.avatars.storage-klass=GLACIER", "presign.profiles.avatars.multipart.enabeld=true",
					"presign.max-batch-sise=10", "presign.profiles.avatars.scopes[0].scope=a",
					"presign.profiles.avatars.scopes[0].operation=download")
			.run((context) -> {
				assertThat(context).hasFailed();
				InvalidConfigurationException failure = (InvalidConfigurationException) context.getStartupFailure();
				FailureAnalysis printed = new InvalidConfigurationFailureAnalyzer().analyze(failure);
				assertThat(printed.getDescription() + "\n" + printed.getAction())
					.contains(
							"presign.profiles.avatars.max-contnet-length = \"1MB\": is not a property of this version")
					.contains("did you mean 'presign.profiles.avatars.max-content-length'?")
					.contains("presign.profiles.avatars.storage-klass = \"GLACIER\"")
					.contains("did you mean 'presign.profiles.avatars.multipart.enabled'?")
					.contains("did you mean 'presign.max-batch-size'?")
					.contains("did you mean 'presign.profiles.avatars.scopes[0].operations'?")
					.doesNotContain("presign.profiles.avatars.scopes[0].scope ");
			});
	}

	@Test
	void cloudFrontDeliveryNeedsItsDistributionAndANeedlessOneFails() {
		this.runner.withPropertyValues(VALID)
			.withPropertyValues("presign.profiles.avatars.delivery=cloudfront")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(messages(context.getStartupFailure())).contains("profiles[avatars].deliveryValid")
					.contains("delivery: cloudfront needs cloudfront.distribution-domain");
			});
		this.runner.withPropertyValues(VALID)
			.withPropertyValues("presign.profiles.avatars.cloudfront.distribution-domain=d111111abcdef8.cloudfront.net",
					"presign.profiles.avatars.cloudfront.key-pair-id=K2JCJMDEHXQW5F",
					"presign.profiles.avatars.cloudfront.private-key-location=file:/secrets/cf.pem")
			.run((context) -> assertThat(messages(context.getStartupFailure()))
				.contains("profiles[avatars].deliveryValid"));
		this.runner.withPropertyValues(VALID)
			.withPropertyValues("presign.profiles.avatars.delivery=cloudfront",
					"presign.profiles.avatars.cloudfront.distribution-domain=https://d111111abcdef8.cloudfront.net/",
					"presign.profiles.avatars.cloudfront.key-pair-id=K2JCJMDEHXQW5F",
					"presign.profiles.avatars.cloudfront.private-key-location=file:/secrets/cf.pem")
			.run((context) -> assertThat(messages(context.getStartupFailure()))
				.contains("profiles[avatars].cloudfront.distributionDomain")
				.contains("without scheme or path"));
		this.runner.withPropertyValues(VALID)
			.withPropertyValues("presign.profiles.avatars.delivery=cloudfront",
					"presign.profiles.avatars.cloudfront.distribution-domain=cdn.example.com",
					"presign.profiles.avatars.cloudfront.key-pair-id=K2JCJMDEHXQW5F",
					"presign.profiles.avatars.cloudfront.private-key-location=file:/secrets/cf.pem")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(ProfileCatalog.class).require("avatars").cloudFront().distributionDomain())
					.isEqualTo("cdn.example.com");
			});
	}

	@Test
	void profilesSharingADistributionMustShareItsBucket() {
		String[] cloudFront = { "delivery=cloudfront", "cloudfront.distribution-domain=d111111abcdef8.cloudfront.net",
				"cloudfront.key-pair-id=K2JCJMDEHXQW5F", "cloudfront.private-key-location=file:/secrets/cf.pem" };
		List<String> values = new ArrayList<>(List.of(VALID));
		for (String setting : cloudFront) {
			values.add("presign.profiles.avatars." + setting);
			values.add("presign.profiles.public." + setting);
		}
		values.addAll(List.of("presign.profiles.public.region=eu-west-1", "presign.profiles.public.operations=download",
				"presign.profiles.public.required-scope=public"));
		this.runner.withPropertyValues(values.toArray(String[]::new))
			.withPropertyValues("presign.profiles.public.bucket=public-bucket")
			.run((context) -> assertThat(messages(context.getStartupFailure()))
				.contains("deliver through the same CloudFront distribution"));
		this.runner.withPropertyValues(values.toArray(String[]::new))
			.withPropertyValues("presign.profiles.public.bucket=my-avatars")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void everyKnownPropertyPassesTheUnknownPropertiesCheck() {
		this.runner.withUserConfiguration(UnknownPropertiesCheck.class)
			.withPropertyValues(VALID)
			.withPropertyValues("presign.profiles.avatars.multipart.enabled=true",
					"presign.profiles.avatars.multipart.min-part-size=5MB",
					"presign.profiles.avatars.rate-limit.capacity=5", "presign.profiles.avatars.scopes[0].scope=a",
					"presign.profiles.avatars.scopes[0].operations=download",
					"presign.profiles.avatars.operations[0]=download", "presign.maxBatchSize=10",
					"presign.max-request-size=64KB",
					// indexes as Kubernetes config trees and config servers write them
					"presign.profiles.avatars.scopes.1.scope=b", "presign.profiles.avatars.scopes.1.operations=upload")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	private static String[] with(String property, String value) {
		List<String> values = new ArrayList<>();
		for (String entry : VALID) {
			if (!entry.startsWith("presign.profiles.avatars." + property + "=")) {
				values.add(entry);
			}
		}
		values.add("presign.profiles.avatars." + property + "=" + value);
		return values.toArray(String[]::new);
	}

	private static String messages(Throwable failure) {
		StringBuilder all = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			all.append(cause.getMessage()).append('\n');
		}
		return all.toString();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(PresignProperties.class)
	@Import(PolicyConfiguration.class)
	static class PropertiesConfiguration {

	}

}
