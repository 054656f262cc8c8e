package io.presign.signing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.presign.observability.AuditLog;
import io.presign.support.ApiClient;
import io.presign.support.CloudFrontTestKeys;
import io.presign.support.IamStandIn;
import io.presign.support.IntegrationTest;
import io.presign.support.StsStandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static io.presign.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revocation over HTTP, with the service signing as a role through a local STS and
 * revoking through a local IAM: the deny policy IAM receives, the new session URLs carry
 * afterwards, the refusal when IAM refuses, the audit event, the metric and the
 * diagnostics report. A second "replica" on the same role leaves its older session once
 * it reads the policy.
 */
@Import(RevocationTest.RoleSigning.class)
@TestPropertySource(properties = { "presign.signing.region-check=off",
		// A profile on AWS itself (no endpoint), which IAM policies govern; it-bucket is
		// only its name here.
		"presign.profiles.aws-files.bucket=it-bucket", "presign.profiles.aws-files.region=eu-west-1",
		"presign.profiles.aws-files.key-prefix=tenants/{principal}/", "presign.profiles.aws-files.required-scope=files",
		"presign.profiles.aws-files.operations=download", "presign.profiles.cdn.bucket=it-bucket",
		"presign.profiles.cdn.region=eu-west-1", "presign.profiles.cdn.required-scope=files",
		"presign.profiles.cdn.operations=download", "presign.profiles.cdn.delivery=cloudfront",
		"presign.profiles.cdn.cloudfront.distribution-domain=d111111abcdef8.cloudfront.net",
		"presign.profiles.cdn.cloudfront.key-pair-id=K2JCJMDEHXQW5F" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RevocationTest extends IntegrationTest {

	private static final String ROLE = "arn:aws:iam::123456789012:role/team/presign-signer";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final StsStandIn STS = start(() -> new StsStandIn(CLOCK));

	private static final IamStandIn IAM = start(IamStandIn::new);

	private static final Map<String, String> OPS = ApiClient.apiKey("ops-key");

	@DynamicPropertySource
	static void cloudFrontKey(DynamicPropertyRegistry registry) {
		Path pem = CloudFrontTestKeys.writePem(CloudFrontTestKeys.generate());
		registry.add("presign.profiles.cdn.cloudfront.private-key-location", () -> pem.toUri().toString());
	}

	@AfterAll
	static void stop() {
		STS.close();
		IAM.close();
	}

	@Test
	@Order(1)
	void revokingAllPutsAwsDenyPolicyAndSignsOnWithANewSession() throws Exception {
		String before = url("files");
		assertThat(before).contains("X-Amz-Security-Token=token-1");
		// STS counts in seconds and the deny spares the second before the new session:
		// let that pass.
		CLOCK.advance(Duration.ofMillis(2100));
		ListAppender<ILoggingEvent> audit = captureAudit();
		ApiClient.Response revoked;
		try {
			revoked = this.api.postJson("/v1/admin/revocations", Map.of("reason", "INC-1: URLs leaked"), OPS);
		}
		finally {
			((Logger) LoggerFactory.getLogger(AuditLog.LOGGER)).detachAppender(audit);
		}
		assertThat(revoked.status()).as(revoked.text()).isEqualTo(200);
		JsonNode body = revoked.json();
		Instant revokedBefore = Instant.parse(body.get("revokedBefore").asString());
		assertThat(body.get("role").asString()).isEqualTo(ROLE);
		assertThat(body.get("policyName").asString()).isEqualTo("AWSRevokeOlderSessions");
		assertThat(body.get("resources").toString()).isEqualTo("[\"*\"]");
		assertThat(body.get("notCovered").toString()).as("profiles whose URLs the role's policy does not reach")
			.contains("\"files\"", "\"cdn\"")
			.doesNotContain("aws-files");

		Map<String, String> put = lastIamRequest("PutRolePolicy");
		assertThat(put.get("RoleName")).as("the name without the role's path").isEqualTo("presign-signer");
		assertThat(put.get("PolicyName")).isEqualTo("AWSRevokeOlderSessions");
		JsonNode statement = JSON.readTree(put.get("PolicyDocument")).get("Statement").get(0);
		assertThat(statement.get("Effect").asString()).isEqualTo("Deny");
		assertThat(statement.get("Action").toString()).isEqualTo("[\"*\"]");
		assertThat(statement.get("Resource").toString()).isEqualTo("[\"*\"]");
		assertThat(statement.at("/Condition/DateLessThan/aws:TokenIssueTime").asString())
			.isEqualTo(revokedBefore.toString());

		// The first session was issued before the deny's time, the second after it: S3
		// refuses the first's URLs.
		assertThat(issuedAt(0)).isBefore(revokedBefore);
		assertThat(issuedAt(1)).isAfterOrEqualTo(revokedBefore);
		String after = url("files");
		assertThat(after).contains("X-Amz-Security-Token=token-2").doesNotContain("token-1");
		assertThat(STS.requests()).hasSize(2);

		assertThat(audit.list).singleElement().satisfies((event) -> {
			Map<String, Object> fields = new HashMap<>();
			event.getKeyValuePairs().forEach((pair) -> fields.put(pair.key, pair.value));
			assertThat(fields).containsEntry("event.action", "urls-revoked")
				.containsEntry("principal", "ops")
				.containsEntry("scope", "all")
				.containsEntry("revocationOutcome", "revoked")
				.containsEntry("reason", "INC-1: URLs leaked")
				.containsEntry("revokedBefore", revokedBefore.toString());
		});
		assertThat(this.management.get("/actuator/prometheus", Map.of()).text())
			.containsPattern("presign_revocations_total\\{[^}]*outcome=\"revoked\",profile=\"all\"[^}]*\\} 1.0");
		JsonNode identity = this.api.get("/v1/diagnostics/files", OPS).json().get("steps").get(0);
		assertThat(identity.get("name").asString()).isEqualTo("identity");
		assertThat(identity.at("/data/revocable").asBoolean()).as("files is on another store").isFalse();
		assertThat(identity.at("/data/lastRevocation").asString()).isEqualTo(revokedBefore.toString());
	}

	@Test
	@Order(2)
	void aProfilesRevocationCoversItsPrefixInAPolicyOfItsOwn() throws Exception {
		ApiClient.Response revoked = this.api.postJson("/v1/admin/revocations",
				Map.of("profile", "aws-files", "reason", "one tenant's URLs"), OPS);
		assertThat(revoked.status()).as(revoked.text()).isEqualTo(200);
		assertThat(revoked.json().get("resources").toString()).isEqualTo("[\"arn:aws:s3:::it-bucket/tenants/*\"]");
		assertThat(revoked.json().get("policyName").asString()).isEqualTo("PresignRevoke-aws-files");
		JsonNode scoped = JSON.readTree(IAM.policy("presign-signer", "PresignRevoke-aws-files")).get("Statement");
		assertThat(scoped).hasSize(1);
		assertThat(scoped.get(0).get("Resource").toString()).isEqualTo("[\"arn:aws:s3:::it-bucket/tenants/*\"]");
		assertThat(JSON.readTree(IAM.policy("presign-signer", "AWSRevokeOlderSessions"))
			.at("/Statement/0/Resource")
			.toString()).as("the revocation of everything stands").isEqualTo("[\"*\"]");
		assertThat(url("files")).contains("X-Amz-Security-Token=token-3");
	}

	@Test
	@Order(3)
	void profilesTheRoleDoesNotSignForCannotBeRevokedThroughIam() {
		ApiClient.Response otherStore = this.api.postJson("/v1/admin/revocations",
				Map.of("profile", "files", "reason", "x"), OPS);
		assertProblem(otherStore, 409, "revocation-unavailable", null);
		assertThat(otherStore.json().get("detail").asString()).contains("S3-compatible store");
		ApiClient.Response cloudFront = this.api.postJson("/v1/admin/revocations",
				Map.of("profile", "cdn", "reason", "x"), OPS);
		assertProblem(cloudFront, 409, "revocation-unavailable", null);
		assertThat(cloudFront.json().get("detail").asString()).contains("key group");
	}

	@Test
	@Order(4)
	void iamRefusingIsA503SayingWhatPermissionIsMissing() {
		IAM.deny(true);
		try {
			ApiClient.Response refused = this.api.postJson("/v1/admin/revocations", Map.of("reason", "again"), OPS);
			assertProblem(refused, 503, "revocation-failed", null);
			assertThat(refused.json().get("awsCode").asString()).isEqualTo("AccessDenied");
			assertThat(refused.json().get("detail").asString()).contains("iam:PutRolePolicy");
			assertThat(this.management.get("/actuator/prometheus", Map.of()).text())
				.containsPattern("presign_revocations_total\\{[^}]*outcome=\"failed\",profile=\"all\"[^}]*\\} 1.0");
		}
		finally {
			IAM.deny(false);
		}
	}

	@Test
	@Order(5)
	void anotherReplicaLeavesItsOlderSessionOnceItReadsThePolicy() throws Exception {
		AssumedRoleCredentials replica = session();
		String first = replica.current().credentials().accessKeyId();
		CLOCK.advance(Duration.ofMillis(2100));
		ApiClient.Response revoked = this.api.postJson("/v1/admin/revocations", Map.of("reason", "all again"), OPS);
		assertThat(revoked.status()).as(revoked.text()).isEqualTo(200);
		Instant revokedBefore = Instant.parse(revoked.json().get("revokedBefore").asString());
		assertThat(replica.current().credentials().accessKeyId()).as("not yet read").isEqualTo(first);

		RoleRevocations watch = SigningConfiguration.revocations(role(), replica, baseCredentials(),
				Duration.ofSeconds(2));
		watch.check();
		SigningIdentity renewed = replica.current();
		assertThat(renewed.credentials().accessKeyId()).isNotEqualTo(first);
		assertThat(replica.issuedAt(renewed)).isAfterOrEqualTo(revokedBefore);
		assertThat(watch.lastRevocation()).contains(revokedBefore);
	}

	private String url(String profile) {
		ApiClient.Response response = this.api.postJson("/v1/downloads", Map.of("profile", profile, "key", "a.txt"),
				ApiClient.apiKey(ALICE_KEY));
		assertThat(response.status()).as(response.text()).isEqualTo(200);
		return response.json().get("url").asString();
	}

	private static Instant issuedAt(int request) {
		// The stand-in's session ends the asked duration after it was issued, in whole
		// seconds, as STS's do.
		return Instant.parse(STS.expirations().get(request)).minus(STS.askedDuration(request));
	}

	private static Map<String, String> lastIamRequest(String action) {
		List<Map<String, String>> matching = new ArrayList<>(
				IAM.requests().stream().filter((request) -> action.equals(request.get("Action"))).toList());
		assertThat(matching).isNotEmpty();
		return matching.get(matching.size() - 1);
	}

	private static ListAppender<ILoggingEvent> captureAudit() {
		ListAppender<ILoggingEvent> events = new ListAppender<>();
		events.start();
		((Logger) LoggerFactory.getLogger(AuditLog.LOGGER)).addAppender(events);
		return events;
	}

	private static SigningProperties.Role role() {
		return new SigningProperties.Role(ROLE, null, "presign-service", null, "us-east-1", STS.endpoint(),
				IAM.endpoint(), Duration.ZERO);
	}

	private static StaticCredentialsProvider baseCredentials() {
		return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDBASE", "base-secret"));
	}

	private static AssumedRoleCredentials session() {
		return SigningConfiguration.assumedRole(role(), Duration.ofSeconds(60), Duration.ofHours(1), CLOCK,
				baseCredentials(), Duration.ofSeconds(2));
	}

	private interface Starter<T> {

		T start() throws IOException;

	}

	private static <T> T start(Starter<T> starter) {
		try {
			return starter.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class RoleSigning {

		@Bean
		@Primary
		AssumedRoleCredentials roleSession() {
			return session();
		}

		@Bean
		RoleRevocations roleRevocations(AssumedRoleCredentials roleSession) {
			return SigningConfiguration.revocations(role(), roleSession, baseCredentials(), Duration.ofSeconds(2));
		}

	}

}
