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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Revokes every URL the signing role's sessions signed before now, the only way a presigned URL can be
 * revoked: an inline policy on the role denies what sessions issued before a time may do (AWS's "revoke
 * older sessions" policy, {@code aws:TokenIssueTime}), and the service signs on with a session issued after
 * it. One statement per scope: everything, or one profile's objects.
 *
 * <p>
 * The time comes from STS, not from the service's clock: a new session is started first, and the policy
 * denies sessions issued over a second before it, so a skewed clock can neither spare older sessions nor
 * deny the new one. Other replicas read the policy every {@code checkInterval} and leave their older sessions.
 */
public final class RoleRevocations implements AutoCloseable {

	/** The name AWS's console gives the same policy, so that either can follow the other. */
	static final String POLICY_NAME = "AWSRevokeOlderSessions";

	private static final Logger log = LoggerFactory.getLogger(RoleRevocations.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** STS counts in whole seconds; a second's margin keeps the new session clear of the deny. */
	private static final Duration ROUNDING = Duration.ofSeconds(1);

	private final IamClient iam;

	private final String roleArn;

	private final String roleName;

	private final String partition;

	private final AssumedRoleCredentials sessions;

	private final ReentrantLock writes = new ReentrantLock();

	private final @Nullable ScheduledExecutorService watch;

	private volatile @Nullable Instant lastRevocation;

	/**
	 * @param iam an IAM client acting as the service's own identity, which may put and read the role's
	 * inline policies
	 * @param checkInterval how often the policy is read to catch revocations another replica made; zero for
	 * never
	 */
	RoleRevocations(IamClient iam, String roleArn, AssumedRoleCredentials sessions, Duration checkInterval) {
		this.iam = iam;
		this.roleArn = roleArn;
		// arn:PARTITION:iam::ACCOUNT:role/PATH/NAME: the role's name is the last segment, its path aside.
		this.roleName = roleArn.substring(roleArn.lastIndexOf('/') + 1);
		this.partition = roleArn.split(":", 3)[1];
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
			// A first read at once, so that diagnostics know the last revocation soon after start-up.
			this.watch.scheduleWithFixedDelay(this::check, 0, millis, TimeUnit.MILLISECONDS);
		}
	}

	/**
	 * Revokes what the role's sessions signed until now: everything, or only objects under one prefix.
	 * @param bucket the bucket of the objects to revoke, or {@code null} for everything the role may do
	 * @param prefix the objects' key prefix within the bucket, possibly empty
	 * @throws RevocationFailedException when STS or IAM fail; if STS answered, the service signs on with the
	 * new session
	 */
	public Revocation revoke(@Nullable String bucket, String prefix) {
		this.writes.lock();
		try {
			return put(bucket, prefix);
		}
		catch (SdkException ex) {
			String code = (ex instanceof AwsServiceException aws && aws.awsErrorDetails() != null)
					? aws.awsErrorDetails().errorCode() : null;
			throw new RevocationFailedException("The revocation failed: " + ex.getMessage(), code, ex);
		}
		finally {
			this.writes.unlock();
		}
	}

	private Revocation put(@Nullable String bucket, String prefix) {
		SigningIdentity fresh = this.sessions.startNewSession();
		Instant revokedBefore = this.sessions.issuedAt(fresh).minus(ROUNDING);
		List<String> resources = (bucket != null)
				? List.of("arn:" + this.partition + ":s3:::" + bucket + "/" + prefix + "*") : List.of("*");
		List<Object> statements = new ArrayList<>();
		if (bucket != null) {
			// Keep the other scopes' statements; a newer one for the same objects replaces the older.
			for (Statement kept : read()) {
				if (!kept.resources().equals(resources)) {
					statements.add(kept.document());
				}
			}
		}
		statements.add(denyBefore(resources, revokedBefore));
		Map<String, Object> policy = new LinkedHashMap<>();
		policy.put("Version", "2012-10-17");
		policy.put("Statement", statements);
		String document = JSON.writeValueAsString(policy);
		this.iam.putRolePolicy((put) -> put.roleName(this.roleName).policyName(POLICY_NAME).policyDocument(document));
		this.sessions.revokedBefore(revokedBefore);
		this.lastRevocation = revokedBefore;
		log.warn("Revoked URLs signed before {} by sessions of {} on {}", revokedBefore, this.roleArn, resources);
		return new Revocation(revokedBefore, this.roleArn, POLICY_NAME, resources, document);
	}

	/**
	 * @return the time of the latest revocation, read from the role's policy at most one check interval ago
	 */
	public Optional<Instant> lastRevocation() {
		return Optional.ofNullable(this.lastRevocation);
	}

	/**
	 * Reads the role's policy and leaves sessions it denies, so that a revocation made on another replica
	 * holds here within one interval.
	 */
	void check() {
		try {
			Instant latest = null;
			for (Statement statement : read()) {
				if (latest == null || statement.revokedBefore().isAfter(latest)) {
					latest = statement.revokedBefore();
				}
			}
			if (latest != null) {
				this.lastRevocation = latest;
				this.sessions.revokedBefore(latest);
			}
		}
		catch (SdkException | JacksonException ex) {
			log.warn("Could not read the revocation policy of {}: {}", this.roleArn, ex.getMessage());
		}
	}

	private List<Statement> read() {
		String encoded;
		try {
			encoded = this.iam.getRolePolicy((get) -> get.roleName(this.roleName).policyName(POLICY_NAME))
				.policyDocument();
		}
		catch (NoSuchEntityException ex) {
			return List.of();
		}
		// IAM returns policy documents URL-encoded (RFC 3986).
		JsonNode policy = JSON.readTree(URLDecoder.decode(encoded, StandardCharsets.UTF_8));
		List<Statement> statements = new ArrayList<>();
		for (JsonNode statement : policy.path("Statement")) {
			String time = statement.path("Condition").path("DateLessThan").path("aws:TokenIssueTime").asString("");
			try {
				List<String> resources = new ArrayList<>();
				JsonNode resource = statement.path("Resource");
				if (resource.isArray()) {
					resource.forEach((one) -> resources.add(one.asString()));
				}
				else {
					resources.add(resource.asString());
				}
				statements.add(new Statement(Instant.parse(time), resources, statement));
			}
			catch (DateTimeParseException ex) {
				// A statement someone else added to the policy: not a revocation, left as it is.
				log.debug("Statement without a token issue time in {}: {}", POLICY_NAME, statement);
			}
		}
		return statements;
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

	private record Statement(Instant revokedBefore, List<String> resources, JsonNode document) {
	}

	/**
	 * A revocation made.
	 *
	 * @param revokedBefore URLs signed by sessions issued before this fail from now on
	 * @param role the signing role the policy is on
	 * @param policyName the role's inline policy that holds the revocation
	 * @param resources what the revocation covers: {@code *} or one prefix's objects
	 * @param policyDocument the whole policy as sent to IAM
	 */
	public record Revocation(Instant revokedBefore, String role, String policyName, List<String> resources,
			String policyDocument) {
	}

}
