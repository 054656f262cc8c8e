package io.presign.signing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.presign.policy.Profile;
import io.presign.policy.ProfileCatalog;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * One {@link S3Presigner} and one {@link S3Client} per (region, endpoint, addressing
 * style), built once at start-up, so every profile signs for its own bucket's region and
 * nothing is built per request.
 */
public final class PresignerRegistry implements AutoCloseable {

	private final Map<S3Target, S3Presigner> presigners;

	private final Map<S3Target, S3Client> clients;

	PresignerRegistry(ProfileCatalog catalog, AwsCredentialsProvider credentials, Duration callTimeout) {
		this(catalog, credentials, callTimeout, List.of());
	}

	/**
	 * @param interceptors added to every S3 client, such as the observation of each call
	 */
	PresignerRegistry(ProfileCatalog catalog, AwsCredentialsProvider credentials, Duration callTimeout,
			List<ExecutionInterceptor> interceptors) {
		Map<S3Target, S3Presigner> presigners = new LinkedHashMap<>();
		Map<S3Target, S3Client> clients = new LinkedHashMap<>();
		for (Profile profile : catalog.all()) {
			S3Target target = S3Target.of(profile);
			presigners.computeIfAbsent(target, (key) -> key.presigner(credentials));
			clients.computeIfAbsent(target, (key) -> key.client(credentials, callTimeout, interceptors));
		}
		this.presigners = Map.copyOf(presigners);
		this.clients = Map.copyOf(clients);
	}

	S3Presigner presignerFor(Profile profile) {
		return lookup(this.presigners, profile);
	}

	/**
	 * The S3 client for a profile's region and endpoint, signed with the signing
	 * credentials.
	 * @param profile a configured profile
	 * @return its client
	 */
	public S3Client clientFor(Profile profile) {
		return lookup(this.clients, profile);
	}

	private static <T> T lookup(Map<S3Target, T> byTarget, Profile profile) {
		T found = byTarget.get(S3Target.of(profile));
		if (found == null) {
			throw new IllegalStateException("Profile '" + profile.name() + "' is not in the catalog");
		}
		return found;
	}

	int size() {
		return this.presigners.size();
	}

	@Override
	public void close() {
		this.presigners.values().forEach(S3Presigner::close);
		this.clients.values().forEach(S3Client::close);
	}

}
