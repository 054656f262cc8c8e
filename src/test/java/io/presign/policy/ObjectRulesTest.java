package io.presign.policy;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a profile stamps on objects is resolved per caller, within S3's limits, and a
 * caller adds only what the profile lets it.
 */
class ObjectRulesTest {

	private static final Caller ALICE = new Caller("alice", Set.of("files"), Caller.AuthMethod.JWT,
			Map.of("org_id", "acme"), Set.of());

	@Test
	void templatesAreFilledForTheCaller() {
		ObjectRules rules = new ObjectRules(true,
				Map.of("uploaded-by", KeyTemplate.parseValue("{principal}"), "tenant",
						KeyTemplate.parseValue("org {claim:org_id}")),
				Map.of("retention", KeyTemplate.parseValue("30d")), Set.of("project"), "STANDARD_IA", null);
		ObjectStamp stamp = rules.stamp(ALICE, Map.of("project", "apollo"), null);
		assertThat(stamp.createOnly()).isTrue();
		assertThat(stamp.metadata()).containsExactly(Map.entry("project", "apollo"), Map.entry("tenant", "org acme"),
				Map.entry("uploaded-by", "alice"));
		assertThat(stamp.tags()).containsExactly(Map.entry("retention", "30d"));
		assertThat(stamp.summary()).containsOnlyKeys("create-only", "metadata", "tags", "storage-class");
	}

	@Test
	void aClaimTheCallerLacksRefusesTheUpload() {
		ObjectRules rules = new ObjectRules(false, Map.of("team", KeyTemplate.parseValue("{claim:team}")), Map.of(),
				Set.of(), null, null);
		assertThatThrownBy(() -> rules.stamp(ALICE, null, null)).isInstanceOfSatisfying(PolicyViolation.class,
				(violation) -> assertThat(violation.rule()).isEqualTo(Rule.KEY_PREFIX_UNRESOLVABLE));
	}

	@Test
	void metadataStaysWithinS3sTwoKilobytes() {
		ObjectRules rules = new ObjectRules(false, Map.of(), Map.of(),
				Set.of("a", "b", "c", "d", "e", "f", "g", "h", "i"), null, null);
		Map<String, String> large = new HashMap<>();
		for (String name : Set.of("a", "b", "c", "d", "e", "f", "g", "h", "i")) {
			large.put(name, "x".repeat(ObjectRules.MAX_CLIENT_METADATA_VALUE));
		}
		assertThatThrownBy(() -> rules.stamp(ALICE, large, null)).isInstanceOfSatisfying(PolicyViolation.class,
				(violation) -> assertThat(violation.getMessage()).contains("2313 bytes, over S3's 2048"));
		large.keySet().removeAll(Set.of("h", "i"));
		assertThat(rules.stamp(ALICE, large, null).metadata()).hasSize(7);
	}

	@Test
	void aRequiredChecksumMustBeGivenInItsAlgorithm() {
		ObjectRules rules = new ObjectRules(false, Map.of(), Map.of(), Set.of(), null, ChecksumAlgorithm.CRC32C);
		assertThatThrownBy(() -> rules.stamp(ALICE, null, null)).isInstanceOfSatisfying(PolicyViolation.class,
				(violation) -> assertThat(violation.rule()).isEqualTo(Rule.CHECKSUM_INVALID));
		assertThatThrownBy(() -> rules.stamp(ALICE, null, new Checksum(ChecksumAlgorithm.CRC32, "AAAAAA==")))
			.isInstanceOf(PolicyViolation.class);
		assertThat(rules.stamp(ALICE, null, new Checksum(ChecksumAlgorithm.CRC32C, "AAAAAA==")).checksum()).isNotNull();
	}

	@Test
	void configurationS3CouldNotKeepIsRefusedAtStartUp() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ObjectRules(false,
				Map.of("Uploaded_By", KeyTemplate.parseValue("x")), Map.of(), Set.of(), null, null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ObjectRules(false, Map.of("uploaded-by", KeyTemplate.parseValue("x")), Map.of(),
					Set.of("uploaded-by"), null, null))
			.withMessageContaining("not be stamped");
		Map<String, KeyTemplate> eleven = new HashMap<>();
		for (int i = 0; i < 11; i++) {
			eleven.put("t" + i, KeyTemplate.parseValue("v"));
		}
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ObjectRules(false, Map.of(), eleven, Set.of(), null, null))
			.withMessageContaining("at most 10 tags");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ObjectRules(false, Map.of(), Map.of(), Set.of(), "standard-ia", null));
	}

}
