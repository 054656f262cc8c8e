package io.presign.signing;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.presign.policy.Profile;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Where a profile's objects are reached: region, endpoint and addressing style. Profiles
 * that share one share a presigner and a client.
 *
 * @param endpoint the endpoint override; none for AWS
 * @param pathStyle whether the bucket goes in the path
 */
record S3Target(String region, @Nullable URI endpoint, boolean pathStyle) {

	static S3Target of(Profile profile) {
		return new S3Target(profile.region(), profile.endpoint(), profile.pathStyle());
	}

	S3Presigner presigner(AwsCredentialsProvider credentials) {
		S3Presigner.Builder builder = S3Presigner.builder()
			.region(Region.of(this.region))
			.credentialsProvider(credentials)
			.serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(this.pathStyle).build());
		if (this.endpoint != null) {
			builder.endpointOverride(this.endpoint);
		}
		return builder.build();
	}

	S3Client client(AwsCredentialsProvider credentials, Duration callTimeout, List<ExecutionInterceptor> interceptors) {
		var builder = S3Client.builder()
			.region(Region.of(this.region))
			.credentialsProvider(credentials)
			.overrideConfiguration((config) -> config.apiCallTimeout(callTimeout)
				.apiCallAttemptTimeout(callTimeout)
				.executionInterceptors(interceptors))
			.forcePathStyle(this.pathStyle);
		if (this.endpoint != null) {
			builder.endpointOverride(this.endpoint);
		}
		return builder.build();
	}

}
