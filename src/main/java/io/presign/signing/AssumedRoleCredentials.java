package io.presign.signing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * A signing session of the service's own, from STS AssumeRole. Renewed once less than
 * {@code refreshAhead} is left, so that a URL issued at any time can get the longest
 * lifetime a profile allows. The SDK's {@code StsAssumeRoleCredentialsProvider} cannot be
 * told to renew on demand, which capping needs.
 */
final class AssumedRoleCredentials implements SigningCredentials, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(AssumedRoleCredentials.class);

	private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(2);

	private final StsClient sts;

	private final AssumeRoleRequest request;

	private final Clock clock;

	private final Duration refreshAhead;

	private final Duration callTimeout;

	private final ReentrantLock renewal = new ReentrantLock();

	private volatile @Nullable SigningIdentity session;

	private volatile @Nullable RenewalFailure lastFailure;

	/**
	 * Sessions issued before this are denied by a revocation policy on the role: never
	 * sign with them.
	 */
	private volatile Instant notIssuedBefore = Instant.EPOCH;

	/**
	 * @param sts the STS client, authenticated by the default chain
	 * @param request the AssumeRole request, with its session duration
	 * @param refreshAhead renew once less than this is left
	 * @param callTimeout the longest one AssumeRole call takes; a request waits at most
	 * about this long for a renewal another request started
	 */
	AssumedRoleCredentials(StsClient sts, AssumeRoleRequest request, Clock clock, Duration refreshAhead,
			Duration callTimeout) {
		this.sts = sts;
		this.request = request;
		this.clock = clock;
		this.refreshAhead = refreshAhead;
		this.callTimeout = callTimeout;
	}

	@Override
	public SigningIdentity current() {
		SigningIdentity current = this.session;
		if (current != null && !isDue(current)) {
			return current;
		}
		if (current != null && this.renewal.isLocked() && isUsable(current, this.clock.instant())) {
			// Another request is renewing: sign with the session that still works instead
			// of queueing behind it.
			return current;
		}
		lockRenewal();
		try {
			current = this.session;
			if (current == null || isDue(current)) {
				return renew(current);
			}
			return current;
		}
		finally {
			this.renewal.unlock();
		}
	}

	@Override
	public SigningIdentity refresh() {
		SigningIdentity seen = this.session;
		lockRenewal();
		try {
			SigningIdentity now = this.session;
			if (now == seen || now == null) {
				return renew(seen);
			}
			// Another request renewed it while this one waited: that session is fresh.
			return now;
		}
		finally {
			this.renewal.unlock();
		}
	}

	/**
	 * Waits for a renewal in progress at most a little longer than one STS call, so that
	 * requests arriving while STS hangs fail after a bounded time instead of queueing one
	 * call timeout each.
	 */
	private void lockRenewal() {
		try {
			if (!this.renewal.tryLock(this.callTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
				throw SdkClientException.create("STS did not answer within " + this.callTimeout);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw SdkClientException.create("Interrupted while waiting for the signing session", ex);
		}
	}

	/**
	 * Starts a new session at once, whatever the current one's age, for a revocation: the
	 * session it returns is the first one the revocation's policy must spare.
	 * @throws SdkException when STS does not answer
	 */
	SigningIdentity startNewSession() {
		lockRenewal();
		try {
			this.lastFailure = null;
			return renew(null);
		}
		finally {
			this.renewal.unlock();
		}
	}

	/**
	 * Stops signing with sessions issued before a revocation's time, whoever revoked: the
	 * next request starts a new session if the current one is older.
	 */
	void revokedBefore(Instant revokedBefore) {
		synchronized (this) {
			if (revokedBefore.isAfter(this.notIssuedBefore)) {
				this.notIssuedBefore = revokedBefore;
			}
		}
	}

	/**
	 * @return whether the session lasts the duration asked, within a tolerance: only then
	 * does its end tell when it was issued
	 */
	boolean isFullLength(SigningIdentity identity, Duration tolerance) {
		Duration left = Duration.between(this.clock.instant(), identity.expiresAt().orElseThrow());
		return left.compareTo(sessionDuration().minus(tolerance)) >= 0;
	}

	/**
	 * @return when STS issued the session: its end less the duration asked, both as STS
	 * counts them, so that no clock of the service's is involved
	 */
	Instant issuedAt(SigningIdentity identity) {
		return identity.expiresAt().orElseThrow().minus(sessionDuration());
	}

	private boolean isDue(SigningIdentity identity) {
		return isRevoked(identity) || identity.expiresAt()
			.map((end) -> Duration.between(this.clock.instant(), end).compareTo(this.refreshAhead) < 0)
			.orElse(false);
	}

	private boolean isUsable(SigningIdentity identity, Instant now) {
		return !isRevoked(identity) && identity.expiresAt().map(now::isBefore).orElse(true);
	}

	private boolean isRevoked(SigningIdentity identity) {
		return identity.expiresAt().isPresent() && issuedAt(identity).isBefore(this.notIssuedBefore);
	}

	/**
	 * @return the session to sign with: a new one, or the previous one while it is still
	 * usable and STS fails
	 */
	private SigningIdentity renew(@Nullable SigningIdentity previous) {
		Instant now = this.clock.instant();
		boolean previousUsable = previous != null && isUsable(previous, now);
		RenewalFailure failure = this.lastFailure;
		if (failure != null && now.isBefore(failure.retryAt())) {
			// STS failed moments ago: answer at once rather than make every request wait
			// for it again.
			if (previous != null && previousUsable) {
				return previous;
			}
			throw SdkClientException.create("STS failed at " + failure.failedAt() + ": " + failure.cause().getMessage(),
					failure.cause());
		}
		try {
			Credentials credentials = this.sts.assumeRole(this.request).credentials();
			SigningIdentity session = new SigningIdentity(AwsSessionCredentials.builder()
				.accessKeyId(credentials.accessKeyId())
				.secretAccessKey(credentials.secretAccessKey())
				.sessionToken(credentials.sessionToken())
				.expirationTime(credentials.expiration())
				.providerName("AssumeRole")
				.build());
			this.session = session;
			this.lastFailure = null;
			log.info("Assumed signing role {}; session ends at {}", this.request.roleArn(), credentials.expiration());
			return session;
		}
		catch (SdkException ex) {
			this.lastFailure = new RenewalFailure(now, now.plus(RETRY_AFTER_FAILURE), ex);
			if (previous == null || !previousUsable) {
				throw ex;
			}
			// The old session still works: keep signing with it, capped, rather than
			// failing every request.
			log.warn("Could not renew the signing session of {}; using the current one until {}: {}",
					this.request.roleArn(), previous.expiresAt().orElseThrow(), ex.getMessage());
			return previous;
		}
	}

	private record RenewalFailure(Instant failedAt, Instant retryAt, SdkException cause) {
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
