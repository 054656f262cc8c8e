package io.presign.diagnostics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.presign.policy.ContentTypePolicy;
import io.presign.policy.ExpiryPolicy;
import io.presign.policy.KeyTemplate;
import io.presign.policy.Operation;
import io.presign.policy.Profile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guardrails name the signing role when there is one, and say so when a prefix cannot
 * confine it.
 */
class BucketGuardrailsTest {

	private static final String ROLE = "arn:aws:iam::123456789012:role/presign-signer";

	@Test
	void theSigningRoleIsNamedAndConfinedToThePrefixAndTheCanary() {
		BucketGuardrails.Guardrails guardrails = new BucketGuardrails(ROLE, "_canary/").forProfile(
				profile("docs/{principal}/", Duration.ofMinutes(15)), List.of(), List.of("https://app.example.com"));
		Map<String, Object> confined = statement(guardrails, "DenySigningRoleOutsideProfilePrefixes");
		assertThat(confined.get("Principal")).isEqualTo(Map.of("AWS", ROLE));
		assertThat(confined.get("NotResource")).isEqualTo(List.of("arn:aws:s3:::b/docs/*", "arn:aws:s3:::b/_canary/*"));
		assertThat(guardrails.notes()).noneMatch((note) -> note.contains(BucketGuardrails.ROLE_PLACEHOLDER));
		assertThat(statement(guardrails, "DenyPresignedUrlsOlderThanMaxExpiry").get("Condition").toString())
			.contains("s3:signatureAge=900000");
	}

	@Test
	void aPrefixStartingWithAPlaceholderConfinesNothingAndSaysSo() {
		BucketGuardrails.Guardrails guardrails = new BucketGuardrails(ROLE, "_canary/")
			.forProfile(profile("{principal}/", Duration.ofHours(1)), List.of(), List.of());
		assertThat(guardrails.bucketPolicy().get("Statement").toString())
			.doesNotContain("DenySigningRoleOutsideProfilePrefixes");
		assertThat(guardrails.notes()).anyMatch((note) -> note.contains("starts with a placeholder"))
			.anyMatch((note) -> note.contains("No CORS origins"));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> statement(BucketGuardrails.Guardrails guardrails, String sid) {
		return ((List<Map<String, Object>>) guardrails.bucketPolicy().get("Statement")).stream()
			.filter((statement) -> sid.equals(statement.get("Sid")))
			.findFirst()
			.orElseThrow();
	}

	private static Profile profile(String keyPrefix, Duration maxExpiry) {
		return new Profile("p", "b", "eu-west-1", null, false, KeyTemplate.parse(keyPrefix), Set.of(Operation.DOWNLOAD),
				ContentTypePolicy.of(List.of("text/plain")), 1, new ExpiryPolicy(Duration.ofMinutes(5), maxExpiry),
				"s");
	}

}
