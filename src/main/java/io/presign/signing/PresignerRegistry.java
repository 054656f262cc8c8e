package io.presign.signing;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import io.presign.policy.Profile;
import io.presign.policy.ProfileCatalog;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * One {@link S3Presigner} per (region, endpoint, addressing style), built once at start-up, so every profile
 * signs for its own bucket's region and no presigner is built per request.
 */
final class PresignerRegistry implements AutoCloseable {

	private final Map<Target, S3Presigner> presigners;

	PresignerRegistry(ProfileCatalog catalog, AwsCredentialsProvider credentials) {
		Map<Target, S3Presigner> byTarget = new LinkedHashMap<>();
		for (Profile profile : catalog.all()) {
			byTarget.computeIfAbsent(Target.of(profile), (target) -> target.build(credentials));
		}
		this.presigners = Map.copyOf(byTarget);
	}

	S3Presigner presignerFor(Profile profile) {
		S3Presigner presigner = this.presigners.get(Target.of(profile));
		if (presigner == null) {
			throw new IllegalStateException("No presigner for profile '" + profile.name() + "'");
		}
		return presigner;
	}

	int size() {
		return this.presigners.size();
	}

	@Override
	public void close() {
		this.presigners.values().forEach(S3Presigner::close);
	}

	private record Target(String region, URI endpoint, boolean pathStyle) {

		static Target of(Profile profile) {
			return new Target(profile.region(), profile.endpoint(), profile.pathStyle());
		}

		S3Presigner build(AwsCredentialsProvider credentials) {
			S3Presigner.Builder builder = S3Presigner.builder()
				.region(Region.of(this.region))
				.credentialsProvider(credentials)
				.serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(this.pathStyle).build());
			if (this.endpoint != null) {
				builder.endpointOverride(this.endpoint);
			}
			return builder.build();
		}

	}

}
