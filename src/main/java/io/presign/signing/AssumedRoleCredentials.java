package io.presign.signing;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * A signing session of the service's own, from STS AssumeRole. Renewed once less than {@code refreshAhead}
 * is left, so that a URL issued at any time can get the longest lifetime a profile allows. The SDK's
 * {@code StsAssumeRoleCredentialsProvider} cannot be told to renew on demand, which capping needs.
 */
final class AssumedRoleCredentials implements SigningCredentials, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(AssumedRoleCredentials.class);

	private final StsClient sts;

	private final AssumeRoleRequest request;

	private final Clock clock;

	private final Duration refreshAhead;

	private volatile SigningIdentity session;

	/**
	 * @param sts the STS client, authenticated by the default chain
	 * @param request the AssumeRole request, with its session duration
	 * @param clock the clock
	 * @param refreshAhead renew once less than this is left
	 */
	AssumedRoleCredentials(StsClient sts, AssumeRoleRequest request, Clock clock, Duration refreshAhead) {
		this.sts = sts;
		this.request = request;
		this.clock = clock;
		this.refreshAhead = refreshAhead;
	}

	@Override
	public SigningIdentity current() {
		SigningIdentity current = this.session;
		if (current != null && !isDue(current)) {
			return current;
		}
		synchronized (this) {
			current = this.session;
			if (current == null || isDue(current)) {
				renew(current);
			}
			return this.session;
		}
	}

	@Override
	public synchronized SigningIdentity refresh() {
		renew(this.session);
		return this.session;
	}

	private boolean isDue(SigningIdentity identity) {
		return identity.expiresAt()
			.map((end) -> Duration.between(this.clock.instant(), end).compareTo(this.refreshAhead) < 0)
			.orElse(false);
	}

	private void renew(SigningIdentity previous) {
		try {
			Credentials credentials = this.sts.assumeRole(this.request).credentials();
			this.session = new SigningIdentity(AwsSessionCredentials.builder()
				.accessKeyId(credentials.accessKeyId())
				.secretAccessKey(credentials.secretAccessKey())
				.sessionToken(credentials.sessionToken())
				.expirationTime(credentials.expiration())
				.providerName("AssumeRole")
				.build());
			log.info("Assumed signing role {}; session ends at {}", this.request.roleArn(), credentials.expiration());
		}
		catch (SdkException ex) {
			if (previous == null || !previous.expiresAt().map(this.clock.instant()::isBefore).orElse(true)) {
				throw ex;
			}
			// The old session still works: keep signing with it, capped, rather than failing every request.
			log.warn("Could not renew the signing session of {}; using the current one until {}: {}",
					this.request.roleArn(), previous.expiresAt().orElseThrow(), ex.getMessage());
		}
	}

	/**
	 * @return the session duration asked of STS
	 */
	Duration sessionDuration() {
		return Duration.ofSeconds(this.request.durationSeconds());
	}

	@Override
	public void close() {
		this.sts.close();
	}

}
