package io.presign.signing;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.presign.support.IamStandIn;
import io.presign.support.MutableClock;
import io.presign.support.StsStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Revocations between replicas and against policies others wrote, with local STS and IAM
 * stand-ins.
 */
class RoleRevocationsTest {

	private static final String ROLE = "arn:aws:iam::123456789012:role/team/presign-signer";

	private static final StaticCredentialsProvider BASE = StaticCredentialsProvider
		.create(AwsBasicCredentials.create("AKIDBASE", "base-secret"));

	private final MutableClock clock = MutableClock.systemUtc();

	private StsStandIn sts;

	private IamStandIn iam;

	@BeforeEach
	void start() throws Exception {
		this.sts = new StsStandIn(this.clock);
		this.iam = new IamStandIn();
	}

	@AfterEach
	void stop() {
		this.sts.close();
		this.iam.close();
	}

	@Test
	void revocationsOfDifferentScopesOnTwoReplicasLeaveEachOtherStanding() {
		RoleRevocations first = replica();
		RoleRevocations second = replica();
		first.revoke(null, null, "");
		second.revoke("tenants", "it-bucket", "tenants/");
		first.revoke("other", "it-bucket", "other/");
		assertThat(this.iam.policy("presign-signer", "AWSRevokeOlderSessions")).contains("\"Resource\":[\"*\"]");
		assertThat(this.iam.policy("presign-signer", "PresignRevoke-tenants")).contains("it-bucket/tenants/*");
		assertThat(this.iam.policy("presign-signer", "PresignRevoke-other")).contains("it-bucket/other/*");
	}

	@Test
	void aRevocationWrittenByHandOrByTheConsoleIsFollowed() throws Exception {
		AssumedRoleCredentials sessions = session();
		String before = sessions.current().credentials().accessKeyId();
		this.clock.advance(Duration.ofMillis(1100));
		Instant revoked = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		// One statement as an object, and the time in a list: both valid IAM.
		this.iam.seed("presign-signer", "AWSRevokeOlderSessions",
				"{\"Version\":\"2012-10-17\",\"Statement\":{"
						+ "\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\",\"Condition\":{\"DateLessThan\":"
						+ "{\"aws:TokenIssueTime\":[\"" + revoked.minusSeconds(60) + "\",\"" + revoked + "\"]}}}}");
		RoleRevocations replica = SigningConfiguration.revocations(role(), sessions, BASE, Duration.ofSeconds(2));
		replica.check();
		assertThat(replica.lastRevocation()).contains(revoked);
		assertThat(sessions.current().credentials().accessKeyId()).as("the older session is left").isNotEqualTo(before);
	}

	@Test
	void policiesOfOtherNamesAndStatementsWithoutATimeAreNotRevocations() {
		this.iam
			.seed("presign-signer", "LegalHold", "{\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:DeleteObject\","
					+ "\"Resource\":\"*\",\"Condition\":{\"DateLessThan\":{\"aws:TokenIssueTime\":\"2999-01-01T00:00:00Z\"}}}]}");
		RoleRevocations replica = replica();
		replica.check();
		assertThat(replica.lastRevocation()).isEmpty();
		assertThat(RoleRevocations.latestTokenIssueTime(JsonMapper.builder()
			.build()
			.readTree("{\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}]}"))).isNull();
	}

	@Test
	void aSessionShorterThanAskedRevokesNothing() {
		this.sts.cap(Duration.ofMinutes(30));
		RoleRevocations replica = replica();
		assertThatExceptionOfType(RevocationFailedException.class).isThrownBy(() -> replica.revoke(null, null, ""))
			.withMessageContaining("shorter than");
		assertThat(this.iam.policy("presign-signer", "AWSRevokeOlderSessions")).isNull();
	}

	@Test
	void theLastRevocationNeverMovesBack() throws Exception {
		RoleRevocations replica = replica();
		Instant first = replica.revoke(null, null, "").revokedBefore();
		this.clock.advance(Duration.ofMillis(1100));
		Instant second = replica.revoke(null, null, "").revokedBefore();
		assertThat(second).isAfter(first);
		this.iam.seed("presign-signer", "AWSRevokeOlderSessions",
				"{\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"*\","
						+ "\"Resource\":\"*\",\"Condition\":{\"DateLessThan\":{\"aws:TokenIssueTime\":\"" + first
						+ "\"}}}]}");
		replica.check();
		assertThat(replica.lastRevocation()).contains(second);
	}

	@Test
	void profileNamesMakeValidPolicyNames() {
		assertThat(RoleRevocations.policyName("avatars")).isEqualTo("PresignRevoke-avatars");
		assertThat(RoleRevocations.policyName("a b/ü")).isEqualTo("PresignRevoke-a_b__");
		assertThat(RoleRevocations.policyName("x".repeat(200))).hasSize(128);
	}

	private RoleRevocations replica() {
		return SigningConfiguration.revocations(role(), session(), BASE, Duration.ofSeconds(2));
	}

	private AssumedRoleCredentials session() {
		return SigningConfiguration.assumedRole(role(), Duration.ofSeconds(60), Duration.ofHours(1), this.clock, BASE,
				Duration.ofSeconds(2));
	}

	private SigningProperties.Role role() {
		return new SigningProperties.Role(ROLE, null, "presign-service", null, "us-east-1", this.sts.endpoint(),
				this.iam.endpoint(), Duration.ZERO);
	}

}
