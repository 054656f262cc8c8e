package io.presign.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Checksums of uploads in parts: a CRC of each part, signed into its URL, and of the
 * whole object, which S3 combines from the parts' ({@code FULL_OBJECT}); never a SHA,
 * which S3 keeps for no whole object uploaded in parts.
 */
class MultipartChecksumTest {

	private static final long MIB = 1024 * 1024;

	private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

	private static final String CRC = "AAAAAA==";

	@Test
	void aProfileThatRequiresACrcGetsItAtEveryStep() {
		Profile profile = profile(ChecksumAlgorithm.CRC32C);
		MultipartPolicy policy = policy(profile);
		refused(() -> policy.authorizeStart(PolicyFixtures.ALICE, start(profile, null)), Rule.CHECKSUM_INVALID,
				"checksumAlgorithm");
		refused(() -> policy.authorizeStart(PolicyFixtures.ALICE, start(profile, "CRC32")), Rule.CHECKSUM_INVALID,
				"checksumAlgorithm");
		MultipartPlan plan = policy.authorizeStart(PolicyFixtures.ALICE, start(profile, "CRC32C"));
		assertThat(plan.checksumAlgorithm()).isEqualTo(ChecksumAlgorithm.CRC32C);

		refused(() -> policy.authorizeParts(PolicyFixtures.ALICE, parts(profile, null, null)), Rule.CHECKSUM_INVALID,
				"checksumAlgorithm");
		refused(() -> policy.authorizeParts(PolicyFixtures.ALICE, parts(profile, "CRC32C", List.of(CRC))),
				Rule.CHECKSUM_INVALID, "checksums");
		refused(() -> policy.authorizeParts(PolicyFixtures.ALICE, parts(profile, "CRC32C", List.of(CRC, "AAAA"))),
				Rule.CHECKSUM_INVALID, "checksums[1]");
		List<UploadPartGrant> grants = policy.authorizeParts(PolicyFixtures.ALICE,
				parts(profile, "CRC32C", List.of(CRC, "AQIDBA==")));
		assertThat(grants).extracting(UploadPartGrant::checksum)
			.containsExactly(new Checksum(ChecksumAlgorithm.CRC32C, CRC),
					new Checksum(ChecksumAlgorithm.CRC32C, "AQIDBA=="));

		List<UploadedPart> held = List.of(part(1, ChecksumAlgorithm.CRC32C), part(2, ChecksumAlgorithm.CRC32C));
		refused(() -> MultipartPolicy.completion(profile, held, null, null), Rule.CHECKSUM_INVALID, "checksum");
		refused(() -> MultipartPolicy.completion(profile, held, null, new Checksum(ChecksumAlgorithm.CRC32, CRC)),
				Rule.CHECKSUM_INVALID, "checksum");
		MultipartCompletion completion = MultipartPolicy.completion(profile, held, null,
				new Checksum(ChecksumAlgorithm.CRC32C, CRC));
		assertThat(completion.parts()).isEqualTo(held);
		assertThat(completion.wholeObject()).isEqualTo(new Checksum(ChecksumAlgorithm.CRC32C, CRC));
	}

	@Test
	void aWholeObjectChecksumNeedsPartsUploadedWithTheirs() {
		Profile profile = profile(null);
		List<UploadedPart> without = List.of(part(1, null), part(2, null));
		assertThat(MultipartPolicy.completion(profile, without, null, null).wholeObject()).isNull();
		refused(() -> MultipartPolicy.completion(profile, without, null, new Checksum(ChecksumAlgorithm.CRC32, CRC)),
				Rule.CHECKSUM_INVALID, "checksum");
		List<UploadedPart> mixed = List.of(part(1, ChecksumAlgorithm.CRC32), part(2, ChecksumAlgorithm.CRC32C));
		refused(() -> MultipartPolicy.completion(profile, mixed, null, new Checksum(ChecksumAlgorithm.CRC32, CRC)),
				Rule.CHECKSUM_INVALID, "checksum");
	}

	@Test
	void partChecksumsAStoreDoesNotListAreTakenFromTheNamedParts() {
		Profile profile = profile(ChecksumAlgorithm.CRC32C);
		List<UploadedPart> unlisted = List.of(part(1, null), part(2, null));
		Checksum whole = new Checksum(ChecksumAlgorithm.CRC32C, CRC);
		MultipartCompletion completion = MultipartPolicy.completion(profile, unlisted,
				List.of(new PartRef(1, "e1", CRC), new PartRef(2, "e2", "AQIDBA==")), whole);
		assertThat(completion.parts()).extracting(UploadedPart::checksum)
			.containsExactly(new Checksum(ChecksumAlgorithm.CRC32C, CRC),
					new Checksum(ChecksumAlgorithm.CRC32C, "AQIDBA=="));
		refused(() -> MultipartPolicy.completion(profile, unlisted,
				List.of(new PartRef(1, "e1", CRC), new PartRef(2, "e2", "AQID")), whole), Rule.CHECKSUM_INVALID,
				"parts.checksum");
		refused(() -> MultipartPolicy.completion(profile, unlisted,
				List.of(new PartRef(1, "e1", CRC), new PartRef(2, "e2")), whole), Rule.CHECKSUM_INVALID, "checksum");
		// What S3 lists wins over what a client names.
		List<UploadedPart> listed = List.of(part(1, ChecksumAlgorithm.CRC32C));
		assertThat(
				MultipartPolicy.completion(profile, listed, List.of(new PartRef(1, "e1", "AQIDBA==")), whole).parts())
			.extracting(UploadedPart::checksum)
			.containsExactly(new Checksum(ChecksumAlgorithm.CRC32C, CRC));
	}

	@Test
	void shaChecksumsHaveNoUploadsInParts() {
		refused(() -> policy(profile(ChecksumAlgorithm.SHA256)).authorizeStart(PolicyFixtures.ALICE,
				start(profile(ChecksumAlgorithm.SHA256), "SHA256")), Rule.MULTIPART_NOT_ALLOWED, "profile");
		Profile sha = profile(ChecksumAlgorithm.SHA256);
		refused(() -> policy(sha).authorizeAccess(PolicyFixtures.ALICE, "parts", "big.bin", null, "up-1"),
				Rule.MULTIPART_NOT_ALLOWED, "profile");
		refused(() -> MultipartPolicy.completion(sha, List.of(part(1, null)), null, null), Rule.MULTIPART_NOT_ALLOWED,
				"profile");
		Profile open = profile(null);
		refused(() -> policy(open).authorizeStart(PolicyFixtures.ALICE, start(open, "SHA1")), Rule.CHECKSUM_INVALID,
				"checksumAlgorithm");
		refused(() -> MultipartPolicy.wholeObjectChecksum("SHA256", "A".repeat(43) + "="), Rule.CHECKSUM_INVALID,
				"checksum.algorithm");
		refused(() -> MultipartPolicy.wholeObjectChecksum("CRC32", "AAAAAA"), Rule.CHECKSUM_INVALID, "checksum.value");
		assertThat(MultipartPolicy.wholeObjectChecksum(null, null)).isNull();
	}

	@Test
	void partsOfAnUploadWithoutAChecksumTakeNone() {
		Profile open = profile(null);
		assertThat(policy(open).authorizeStart(PolicyFixtures.ALICE, start(open, null)).checksumAlgorithm()).isNull();
		refused(() -> policy(open).authorizeParts(PolicyFixtures.ALICE, parts(open, null, List.of(CRC, CRC))),
				Rule.CHECKSUM_INVALID, "checksumAlgorithm");
		assertThat(policy(open).authorizeParts(PolicyFixtures.ALICE, parts(open, null, null)))
			.extracting(UploadPartGrant::checksum)
			.containsOnlyNulls();
	}

	private static MultipartStartIntent start(Profile profile, @Nullable String algorithm) {
		return new MultipartStartIntent(profile.name(), "big.bin", null, "text/plain", 6 * MIB, algorithm);
	}

	private static UploadPartsIntent parts(Profile profile, @Nullable String algorithm,
			@Nullable List<@Nullable String> checksums) {
		return new UploadPartsIntent(profile.name(), "big.bin", null, "up-1", 6 * MIB, List.of(1, 2), null, algorithm,
				checksums);
	}

	private static UploadedPart part(int number, @Nullable ChecksumAlgorithm algorithm) {
		return new UploadedPart(number, "\"e" + number + "\"", (number == 1) ? 5 * MIB : MIB, NOW,
				(algorithm != null) ? new Checksum(algorithm, CRC) : null);
	}

	private static MultipartPolicy policy(Profile profile) {
		return new MultipartPolicy(new PresignPolicy(new ProfileCatalog(List.of(profile))),
				new ProfileCatalog(List.of(profile)), 100);
	}

	private static Profile profile(@Nullable ChecksumAlgorithm required) {
		return new Profile("parts", "bucket", "eu-west-1", null, false, KeyTemplate.parse("users/{principal}/"),
				KeyStrategy.CLIENT, Set.of(Operation.UPLOAD), Map.of(), ContentTypePolicy.of(List.of("text/plain")),
				16 * MIB, new ExpiryPolicy(Duration.ofMinutes(5), Duration.ofHours(1)), "files", RateLimit.UNLIMITED,
				new MultipartSettings(true, MultipartSettings.S3_MIN_PART, MultipartSettings.S3_MAX_PART), null, false,
				false, null, new ObjectRules(false, Map.of(), Map.of(), Set.of(), null, required));
	}

	private static void refused(Runnable call, Rule rule, String field) {
		assertThatExceptionOfType(PolicyViolation.class).isThrownBy(call::run).satisfies((refusal) -> {
			assertThat(refusal.rule()).isEqualTo(rule);
			assertThat(refusal.field()).isEqualTo(field);
		});
	}

}
