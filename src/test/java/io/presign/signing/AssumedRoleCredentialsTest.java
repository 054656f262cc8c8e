package io.presign.signing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.presign.support.MutableClock;
import io.presign.support.StsStandIn;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dedicated signing session, against a local STS stand-in.
 */
class AssumedRoleCredentialsTest {

	private static final StaticCredentialsProvider BASE = StaticCredentialsProvider
		.create(AwsBasicCredentials.create("AKIDBASE", "base-secret"));

	@Test
	void asksForASessionLongerThanTheLargestMaxExpiry() throws Exception {
		try (StsStandIn sts = new StsStandIn();
				AssumedRoleCredentials session = SigningConfiguration.assumedRole(role(sts, null),
						Duration.ofSeconds(60), Duration.ofHours(2), Clock.systemUTC(), BASE, Duration.ofSeconds(5))) {
			SigningIdentity identity = session.current();
			assertThat(sts.requests()).hasSize(1);
			assertThat(sts.requests().get(0)).containsEntry("Action", "AssumeRole")
				.containsEntry("RoleArn", "arn:aws:iam::123456789012:role/signer")
				.containsEntry("ExternalId", "ext-1")
				.containsEntry("RoleSessionName", "presign-service");
			assertThat(sts.askedDuration(0)).isGreaterThanOrEqualTo(Duration.ofHours(2).plusSeconds(60))
				.isEqualTo(Duration.ofHours(4).plusSeconds(120));
			assertThat(identity.type()).isEqualTo("session");
			assertThat(identity.credentials().accessKeyId()).isEqualTo("ASIASESSION1");
			assertThat(identity.expiresAt()).isPresent();
		}
	}

	@Test
	void reusesTheSessionUntilRenewalIsDueThenRenewsBeforeItEnds() throws Exception {
		MutableClock clock = MutableClock.at(Instant.now());
		try (StsStandIn sts = new StsStandIn();
				AssumedRoleCredentials session = SigningConfiguration.assumedRole(role(sts, null),
						Duration.ofSeconds(60), Duration.ofHours(1), clock, BASE, Duration.ofSeconds(5))) {
			Instant end = session.current().expiresAt().orElseThrow();
			session.current();
			assertThat(sts.requests()).as("no renewal while a full URL window is left").hasSize(1);

			// Renewal is due once less than max-expiry + margin (1 h 1 min) is left, well
			// before the end.
			clock.set(end.minus(Duration.ofHours(1)).minusSeconds(61));
			session.current();
			assertThat(sts.requests()).hasSize(1);
			clock.set(end.minus(Duration.ofHours(1)).minusSeconds(59));
			assertThat(session.current().credentials().accessKeyId()).isEqualTo("ASIASESSION2");
			assertThat(sts.requests()).hasSize(2);
			assertThat(clock.instant()).isBefore(end);
		}
	}

	@Test
	void refreshAlwaysAsksStsAgain() throws Exception {
		try (StsStandIn sts = new StsStandIn();
				AssumedRoleCredentials session = SigningConfiguration.assumedRole(role(sts, Duration.ofMinutes(30)),
						Duration.ofSeconds(60), Duration.ofHours(1), Clock.systemUTC(), BASE, Duration.ofSeconds(5))) {
			session.current();
			assertThat(session.refresh().credentials().accessKeyId()).isEqualTo("ASIASESSION2");
			assertThat(sts.askedDuration(1)).isEqualTo(Duration.ofMinutes(30));
		}
	}

	@Test
	void planRenewsHalfwayWhenTheSessionIsTooShortForTheLongestUrl() {
		RoleSessionPlan plan = RoleSessionPlan.of(Duration.ofHours(1), Duration.ofSeconds(60), Duration.ofMinutes(30));
		assertThat(plan.refreshAhead()).isEqualTo(Duration.ofMinutes(15));
		assertThat(plan.coversFully(Duration.ofHours(1), Duration.ofSeconds(60))).isFalse();
		assertThat(RoleSessionPlan.of(Duration.ofMinutes(5), Duration.ofSeconds(60), null).sessionDuration())
			.isEqualTo(Duration.ofMinutes(15));
		assertThat(RoleSessionPlan.of(Duration.ofDays(7), Duration.ofSeconds(60), null).sessionDuration())
			.isEqualTo(Duration.ofHours(12));
	}

	private static SigningProperties.Role role(StsStandIn sts, Duration sessionDuration) {
		return new SigningProperties.Role("arn:aws:iam::123456789012:role/signer", "ext-1", "presign-service",
				sessionDuration, "us-east-1", sts.endpoint(), null, Duration.ZERO);
	}

}
