package io.presign.signing;

import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;
import io.presign.config.InvalidConfigurationException;
import io.presign.policy.CloudFrontDelivery;
import io.presign.policy.Profile;
import io.presign.policy.ProfileCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.IamClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * Wires the signing credentials, the per-region presigners and the signer.
 */
@Configuration(proxyBeanMethods = false)
class SigningConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SigningConfiguration.class);

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	AwsCallObservation awsCallObservation(ObjectProvider<ObservationRegistry> observations) {
		return new AwsCallObservation(observations.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

	@Bean
	SigningCredentials signingCredentials(SigningProperties properties, ProfileCatalog catalog, Clock clock,
			AwsCallObservation observation) {
		SigningProperties.StaticCredentials fixed = properties.staticCredentials();
		if (fixed != null) {
			return new ProviderSigningCredentials(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(fixed.accessKeyId(), fixed.secretAccessKey())));
		}
		if (properties.role() != null) {
			return assumedRole(properties.role(), properties.safetyMargin(), largestMaxExpiry(catalog), clock,
					DefaultCredentialsProvider.builder().build(), properties.awsCallTimeout(), List.of(observation));
		}
		return new ProviderSigningCredentials(DefaultCredentialsProvider.builder().build());
	}

	/**
	 * A signing session whose length and renewal fit the profiles.
	 * @param baseCredentials what calls STS: the default chain in production
	 * @param callTimeout the longest one AssumeRole call may take, retries included
	 */
	static AssumedRoleCredentials assumedRole(SigningProperties.Role role, Duration safetyMargin,
			Duration largestMaxExpiry, Clock clock, AwsCredentialsProvider baseCredentials, Duration callTimeout) {
		return assumedRole(role, safetyMargin, largestMaxExpiry, clock, baseCredentials, callTimeout, List.of());
	}

	/**
	 * @param interceptors added to the STS client, such as the observation of each call
	 */
	static AssumedRoleCredentials assumedRole(SigningProperties.Role role, Duration safetyMargin,
			Duration largestMaxExpiry, Clock clock, AwsCredentialsProvider baseCredentials, Duration callTimeout,
			List<ExecutionInterceptor> interceptors) {
		RoleSessionPlan plan = RoleSessionPlan.of(largestMaxExpiry, safetyMargin, role.sessionDuration());
		if (!plan.coversFully(largestMaxExpiry, safetyMargin)) {
			log.warn(
					"A signing session of {} cannot give every URL the largest max-expiry ({}) plus the margin ({}); "
							+ "URLs issued late in a session will be capped",
					plan.sessionDuration(), largestMaxExpiry, safetyMargin);
		}
		StsClientBuilder sts = StsClient.builder()
			.credentialsProvider(baseCredentials)
			.overrideConfiguration((config) -> config.apiCallTimeout(callTimeout)
				.apiCallAttemptTimeout(callTimeout)
				.executionInterceptors(interceptors));
		if (role.region() != null) {
			sts.region(Region.of(role.region()));
		}
		if (role.endpoint() != null) {
			sts.endpointOverride(role.endpoint());
		}
		AssumeRoleRequest request = AssumeRoleRequest.builder()
			.roleArn(role.arn())
			.roleSessionName(role.sessionName())
			.externalId(role.externalId())
			.durationSeconds((int) plan.sessionDuration().toSeconds())
			.build();
		return new AssumedRoleCredentials(sts.build(), request, clock, plan.refreshAhead(), callTimeout);
	}

	@Bean
	@ConditionalOnProperty("presign.signing.role.arn")
	RoleRevocations roleRevocations(SigningCredentials credentials, SigningProperties properties) {
		SigningProperties.Role role = properties.role();
		if (role == null || !(credentials instanceof AssumedRoleCredentials sessions)) {
			throw new IllegalStateException("presign.signing.static-credentials and presign.signing.role are both "
					+ "set: the static credentials sign, so the role would never be used; set one of them");
		}
		return revocations(role, sessions, DefaultCredentialsProvider.builder().build(), properties.awsCallTimeout());
	}

	/**
	 * Revocations on the signing role, through IAM.
	 * @param baseCredentials what calls IAM: the default chain in production
	 */
	static RoleRevocations revocations(SigningProperties.Role role, AssumedRoleCredentials sessions,
			AwsCredentialsProvider baseCredentials, Duration callTimeout) {
		// IAM is global within a partition, and the role's ARN names the partition.
		Region region = switch (RoleRevocations.partition(role.arn())) {
			case "aws-cn" -> Region.AWS_CN_GLOBAL;
			case "aws-us-gov" -> Region.AWS_US_GOV_GLOBAL;
			default -> Region.AWS_GLOBAL;
		};
		IamClientBuilder iam = IamClient.builder()
			.region(region)
			.credentialsProvider(baseCredentials)
			.overrideConfiguration((config) -> config.apiCallTimeout(callTimeout).apiCallAttemptTimeout(callTimeout));
		if (role.iamEndpoint() != null) {
			iam.endpointOverride(role.iamEndpoint());
		}
		Duration check = (role.revocationCheck() != null) ? role.revocationCheck() : Duration.ZERO;
		return new RoleRevocations(iam.build(), role.arn(), sessions, check);
	}

	private static Duration largestMaxExpiry(ProfileCatalog catalog) {
		return catalog.all()
			.stream()
			.map((Profile profile) -> profile.expiry().maxExpiry())
			.max(Duration::compareTo)
			.orElse(Duration.ofHours(1));
	}

	@Bean
	PresignerRegistry presignerRegistry(ProfileCatalog catalog, SigningCredentials credentials,
			SigningProperties properties, AwsCallObservation observation) {
		return new PresignerRegistry(catalog, () -> credentials.current().credentials(), properties.awsCallTimeout(),
				List.of(observation));
	}

	@Bean
	MultipartStore multipartStore(PresignerRegistry clients) {
		return new S3MultipartStore(clients);
	}

	@Bean
	S3StoredObjects storedObjects(PresignerRegistry clients, SigningProperties properties) {
		return new S3StoredObjects(clients, properties.awsCallTimeout());
	}

	@Bean
	BucketRegionCheck bucketRegionCheck(ProfileCatalog catalog, PresignerRegistry clients,
			SigningProperties properties) {
		return new BucketRegionCheck(catalog, clients, properties.regionCheck());
	}

	@Bean
	SigningHealthIndicator signingHealthIndicator(ProfileCatalog catalog, SigningCredentials credentials,
			BucketRegionCheck regions, SigningProperties properties, Clock clock) {
		return new SigningHealthIndicator(catalog, credentials, regions, properties.safetyMargin(), clock);
	}

	/**
	 * Loads every CloudFront profile's private key at start-up, so that an unreadable key
	 * fails the start rather than the first download.
	 */
	@Bean
	CloudFrontSigner cloudFrontSigner(ProfileCatalog catalog, ResourceLoader resources, Clock clock) {
		Map<String, PrivateKey> keys = new HashMap<>();
		List<InvalidConfigurationException.Problem> problems = new ArrayList<>();
		for (Profile profile : catalog.all()) {
			CloudFrontDelivery delivery = profile.cloudFront();
			if (delivery != null) {
				try {
					keys.put(profile.name(), CloudFrontSigner.readPrivateKey(
							resources.getResource(delivery.privateKeyLocation()), delivery.privateKeyLocation()));
				}
				catch (IllegalStateException ex) {
					problems.add(new InvalidConfigurationException.Problem(
							"presign.profiles." + profile.name() + ".cloudfront.private-key-location",
							delivery.privateKeyLocation(), String.valueOf(ex.getMessage()),
							"point it at the RSA private key of the distribution's key pair, PEM in PKCS#8 "
									+ "(BEGIN PRIVATE KEY), such as file:/secrets/cloudfront.pem"));
				}
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidConfigurationException(problems);
		}
		return new CloudFrontSigner(keys, clock);
	}

	@Bean
	UrlSigner urlSigner(PresignerRegistry presigners, SigningCredentials credentials, SigningProperties properties,
			Clock clock) {
		return new S3UrlSigner(engine(properties.engine(), presigners), credentials,
				new CredentialExpiryCap(clock, properties.safetyMargin()));
	}

	/**
	 * @return the engine {@code presign.signing.engine} names
	 */
	static SigningEngine engine(SigningProperties.Engine engine, PresignerRegistry presigners) {
		S3Endpoints endpoints = new S3Endpoints(presigners);
		return switch (engine) {
			case LEAN -> new LeanSigningEngine(endpoints);
			case SDK -> new SdkSigningEngine(presigners, endpoints);
		};
	}

}
