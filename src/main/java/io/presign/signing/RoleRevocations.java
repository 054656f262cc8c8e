package io.presign.signing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Revokes every URL the signing role's sessions signed before now, the only way a
 * presigned URL can be revoked: an inline policy on the role denies what sessions issued
 * before a time may do (AWS's "revoke older sessions" policy,
 * {@code aws:TokenIssueTime}), and the service signs on with a session issued after it.
 * One statement per scope: everything, or one profile's objects.
 *
 * <p>
 * The time comes from STS, not from the service's clock: a new session is started first,
 * and the policy denies sessions issued over a second before it, so a skewed clock can
 * neither spare older sessions nor deny the new one. Other replicas read the policy every
 * {@code checkInterval} and leave their older sessions.
 */
public final class RoleRevocations implements AutoCloseable {

	/**
	 * The name AWS's console gives the same policy, so that either can follow the other.
	 */
	static final String POLICY_NAME = "AWSRevokeOlderSessions";

	private static final Logger log = LoggerFactory.getLogger(RoleRevocations.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Where each profile's revocations are kept, one inline policy per profile. */
	static final String PROFILE_POLICY_PREFIX = "PresignRevoke-";

	/**
	 * STS counts in whole seconds; a second's margin keeps the new session clear of the
	 * deny.
	 */
	private static final Duration ROUNDING = Duration.ofSeconds(1);

	/**
	 * How far a new session's length may differ from the duration asked, clocks and calls
	 * included.
	 */
	private static final Duration SESSION_TOLERANCE = Duration.ofMinutes(5);

	/** Writes of one revocation when other replicas keep writing earlier ones over it. */
	private static final int MAX_WRITES = 3;

	private final IamClient iam;

	private final String roleArn;

	private final String roleName;

	private final String partition;

	private final AssumedRoleCredentials sessions;

	private final ReentrantLock writes = new ReentrantLock();

	private final @Nullable ScheduledExecutorService watch;

	private volatile @Nullable Instant lastRevocation;

	/**
	 * @param iam an IAM client acting as the service's own identity, which may put and
	 * read the role's inline policies
	 * @param checkInterval how often the policy is read to catch revocations another
	 * replica made; zero for never
	 */
	RoleRevocations(IamClient iam, String roleArn, AssumedRoleCredentials sessions, Duration checkInterval) {
		this.iam = iam;
		this.roleArn = roleArn;
		// arn:PARTITION:iam::ACCOUNT:role/PATH/NAME: the role's name is the last segment,
		// its path aside.
		this.roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
		this.partition = partition(roleArn);
		this.sessions = sessions;
		if (checkInterval.isZero() || checkInterval.isNegative()) {
			this.watch = null;
		}
		else {
			this.watch = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "revocation-watch");
				thread.setDaemon(true);
				return thread;
			});
			long millis = checkInterval.toMillis();
			// A first read at once, so that diagnostics know the last revocation soon
			// after start-up.
			this.watch.scheduleWithFixedDelay(this::check, 0, millis, TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * Revokes what the role's sessions signed until now: everything, or only objects
	 * under one prefix.
	 * @param scope the profile whose objects to revoke, naming the policy; none for
	 * everything
	 * @param bucket the bucket of the objects to revoke; none for everything the role may
	 * do
	 * @param prefix the objects' key prefix within the bucket, possibly empty
	 * @throws RevocationFailedException when STS or IAM fail; if STS answered, the
	 * service signs on with the new session
	 */
	public Revocation revoke(@Nullable String scope, @Nullable String bucket, String prefix) {
		this.writes.lock();
		try {
			return put(scope, bucket, prefix);
		}
		catch (SdkException ex) {
			String code = (ex instanceof AwsServiceException aws && aws.awsErrorDetails() != null)
					? aws.awsErrorDetails().errorCode() : null;
			log.warn("The revocation on {} failed: {}", this.roleArn, ex.getMessage());
			throw new RevocationFailedException((code != null) ? "The revocation failed: AWS answered " + code
					: "The revocation failed: STS or IAM did not answer; try again", code, ex);
		}
		finally {
			this.writes.unlock();
		}
	}

	/**
	 * One policy per scope, each written whole: no revocation reads another's to write
	 * its own, so two made at once, on two replicas, cannot undo each other.
	 */
	private Revocation put(@Nullable String scope, @Nullable String bucket, String prefix) {
		SigningIdentity fresh = this.sessions.startNewSession();
		if (!this.sessions.isFullLength(fresh, SESSION_TOLERANCE)) {
			// The deny's time is the session's end less the duration asked: a shorter
			// session would misplace it.
			throw new RevocationFailedException(
					"STS issued a signing session shorter than the " + this.sessions.sessionDuration()
							+ " asked, so its issue time is unknown; nothing was revoked",
					null, new IllegalStateException("session shorter than asked"));
		}
		Instant revokedBefore = this.sessions.issuedAt(fresh).minus(ROUNDING);
		List<String> resources = (bucket != null)
				? List.of("arn:" + this.partition + ":s3:::" + bucket + "/" + prefix + "*") : List.of("*");
		String policyName = (scope != null) ? policyName(scope) : POLICY_NAME;
		Map<String, Object> policy = new LinkedHashMap<>();
		policy.put("Version", "2012-10-17");
		policy.put("Statement", List.of(denyBefore(resources, revokedBefore)));
		String document = JSON.writeValueAsString(policy);
		for (int attempt = 0; attempt < MAX_WRITES; attempt++) {
			this.iam
				.putRolePolicy((put) -> put.roleName(this.roleName).policyName(policyName).policyDocument(document));
			// A revocation on another replica may have written an earlier time over this
			// one: the later stands.
			Instant stored = latest(policyName);
			if (stored == null || !stored.isBefore(revokedBefore)) {
				break;
			}
		}
		this.sessions.revokedBefore(revokedBefore);
		raiseLastRevocation(revokedBefore);
		log.warn("Revoked URLs signed before {} by sessions of {} on {}", revokedBefore, this.roleArn, resources);
		return new Revocation(revokedBefore, this.roleArn, policyName, resources);
	}

	/**
	 * @return the time of the latest revocation, read from the role's policies at most
	 * one check interval ago
	 */
	public Optional<Instant> lastRevocation() {
		return Optional.ofNullable(this.lastRevocation);
	}

	/**
	 * Reads the role's revocation policies and leaves sessions they deny, so that a
	 * revocation made on another replica holds here within one interval.
	 */
	void check() {
		try {
			Instant latest = null;
			for (String name : revocationPolicies()) {
				Instant time = latest(name);
				if (time != null && (latest == null || time.isAfter(latest))) {
					latest = time;
				}
			}
			if (latest != null) {
				raiseLastRevocation(latest);
				this.sessions.revokedBefore(latest);
			}
		}
		catch (RuntimeException ex) {
			// Any failure, not only AWS's: an exception escaping would end the scheduled
			// checks for good.
			log.warn("Could not read the revocation policies of {}: {}", this.roleArn, ex.getMessage());
		}
	}

	private List<String> revocationPolicies() {
		List<String> names = new ArrayList<>();
		this.iam.listRolePoliciesPaginator((list) -> list.roleName(this.roleName)).policyNames().forEach((name) -> {
			if (name.equals(POLICY_NAME) || name.startsWith(PROFILE_POLICY_PREFIX)) {
				names.add(name);
			}
		});
		return names;
	}

	/**
	 * @return the latest {@code aws:TokenIssueTime} a policy denies before, if any
	 */
	private @Nullable Instant latest(String policyName) {
		String encoded;
		try {
			encoded = this.iam.getRolePolicy((get) -> get.roleName(this.roleName).policyName(policyName))
				.policyDocument();
		}
		catch (NoSuchEntityException ex) {
			return null;
		}
		// IAM returns policy documents URL-encoded (RFC 3986).
		return latestTokenIssueTime(JSON.readTree(URLDecoder.decode(encoded, StandardCharsets.UTF_8)));
	}

	/**
	 * The latest time a policy denies sessions issued before, in any shape IAM accepts:
	 * one statement or a list, one time or a list of them.
	 */
	static @Nullable Instant latestTokenIssueTime(JsonNode policy) {
		JsonNode statements = policy.path("Statement");
		List<JsonNode> all = new ArrayList<>();
		if (statements.isArray()) {
			statements.forEach(all::add);
		}
		else if (statements.isObject()) {
			all.add(statements);
		}
		Instant latest = null;
		for (JsonNode statement : all) {
			JsonNode times = statement.path("Condition").path("DateLessThan").path("aws:TokenIssueTime");
			List<JsonNode> values = new ArrayList<>();
			if (times.isArray()) {
				times.forEach(values::add);
			}
			else {
				values.add(times);
			}
			for (JsonNode value : values) {
				try {
					Instant time = Instant.parse(value.asString(""));
					latest = (latest == null || time.isAfter(latest)) ? time : latest;
				}
				catch (DateTimeParseException ex) {
					// Not a revocation's statement.
				}
			}
		}
		return latest;
	}

	private synchronized void raiseLastRevocation(Instant time) {
		if (this.lastRevocation == null || time.isAfter(this.lastRevocation)) {
			this.lastRevocation = time;
		}
	}

	/**
	 * @return the partition a role ARN names ({@code aws}, {@code aws-cn},
	 * {@code aws-us-gov}, ...)
	 */
	static String partition(String roleArn) {
		return roleArn.split(":", 3)[1];
	}

	/**
	 * @return the inline policy name of a profile's revocations: IAM allows letters,
	 * digits and {@code +=,.@_-}
	 */
	static String policyName(String profile) {
		String name = PROFILE_POLICY_PREFIX + profile.replaceAll("[^A-Za-z0-9+=,.@_-]", "_");
		return (name.length() > 128) ? name.substring(0, 128) : name;
	}

	private static Map<String, Object> denyBefore(List<String> resources, Instant revokedBefore) {
		Map<String, Object> statement = new LinkedHashMap<>();
		statement.put("Effect", "Deny");
		statement.put("Action", List.of("*"));
		statement.put("Resource", resources);
		statement.put("Condition", Map.of("DateLessThan", Map.of("aws:TokenIssueTime", revokedBefore.toString())));
		return statement;
	}

	@Override
	public void close() {
		if (this.watch != null) {
			this.watch.shutdownNow();
		}
		this.iam.close();
	}

	/**
	 * A revocation made.
	 *
	 * @param revokedBefore URLs signed by sessions issued before this fail from now on
	 * @param role the signing role the policy is on
	 * @param policyName the role's inline policy that holds the revocation
	 * @param resources what the revocation covers: {@code *} or one prefix's objects
	 */
	public record Revocation(Instant revokedBefore, String role, String policyName, List<String> resources) {
	}

}
