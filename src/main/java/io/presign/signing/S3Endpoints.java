package io.presign.signing;

import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.presign.policy.Profile;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Where each profile's objects are reached, as the SDK's endpoint rules resolve it
 * (global or regional host, virtual-host or path-style, dotted buckets, custom
 * endpoints): found once per profile by presigning one throw-away URL with throw-away
 * credentials, so that no signer repeats those rules.
 */
final class S3Endpoints {

	private final PresignerRegistry presigners;

	private final Map<String, Target> targets = new ConcurrentHashMap<>();

	S3Endpoints(PresignerRegistry presigners) {
		this.presigners = presigners;
	}

	/**
	 * @return where the profile's URLs go
	 * @throws software.amazon.awssdk.core.exception.SdkException if the SDK cannot
	 * resolve it
	 * @throws IllegalStateException if the SDK would send an AWS profile over plain HTTP
	 */
	Target of(Profile profile) {
		return this.targets.computeIfAbsent(profile.name(), (name) -> probe(profile));
	}

	private Target probe(Profile profile) {
		URL probe = this.presigners.presignerFor(profile)
			.presignGetObject((request) -> request.signatureDuration(Duration.ofMinutes(1))
				.getObjectRequest((get) -> get.bucket(profile.bucket())
					.key("k")
					.overrideConfiguration((o) -> o.credentialsProvider(
							StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDPROBE", "probe"))))))
			.url();
		String path = probe.getPath();
		if (profile.endpoint() == null && !"https".equals(probe.getProtocol())) {
			throw new IllegalStateException("The SDK would send profile '" + profile.name() + "' to AWS over "
					+ probe.getProtocol() + "; AWS URLs are https only");
		}
		return new Target(probe.getProtocol(), probe.getAuthority(), path.substring(0, path.length() - 1));
	}

	/**
	 * Where a profile's URLs go.
	 *
	 * @param scheme {@code https} on AWS
	 * @param host the Host header value, with the port when it is not the scheme's
	 * default
	 * @param pathPrefix the path before the key: empty with virtual-host addressing,
	 * {@code /bucket/} with path-style
	 */
	record Target(String scheme, String host, String pathPrefix) {
	}

}
