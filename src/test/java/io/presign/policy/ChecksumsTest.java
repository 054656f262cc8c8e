package io.presign.policy;

import java.util.Arrays;
import java.util.Base64;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Only the text S3 itself would compare with the body's digest is signed: canonical
 * base64 (standard alphabet, padded, no stray bits) of a digest of the right length.
 */
class ChecksumsTest {

	/** MD5 of nothing. */
	private static final String MD5 = "1B2M2Y8AsgTpgAmY7PhCfg==";

	/** SHA-256 of nothing. */
	private static final String SHA256 = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

	@Test
	void acceptsCanonicalDigests() {
		assertThat(Checksums.md5(MD5)).isEqualTo(MD5);
		assertThat(Checksums.sha256(SHA256)).isEqualTo(SHA256);
		String ones = Base64.getEncoder().encodeToString(filled(16, 0xff));
		assertThat(ones).isEqualTo("/////////////////////w==");
		assertThat(Checksums.md5(ones)).isEqualTo(ones);
		assertThat(Checksums.md5(null)).isNull();
		assertThat(Checksums.sha256(null)).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "MDAwMDAwMDAwMDAwMDAwMA", "1B2M2Y8AsgTpgAmY7PhCfg", "1B2M2Y8AsgTpgAmY7PhCfg=",
			// Non-zero padding bits: decodes to the same 16 bytes.
			"1B2M2Y8AsgTpgAmY7PhCfh==", "1B2M2Y8AsgTpgAmY7PhCfv==",
			// URL-safe alphabet.
			"_____________________w==",
			// Whitespace.
			" 1B2M2Y8AsgTpgAmY7PhCfg==", "1B2M2Y8AsgTpgAmY7PhCfg== ", "1B2M2Y8Asg\r\nTpgAmY7PhCfg==",
			"1B2M2Y8Asg TpgAmY7PhCfg==",
			// Padding where none belongs, or too much of it.
			"1B2M2Y8AsgTpgAmY7PhCfg===", "1B2M2Y8AsgTpgAmY7PhCfg==AA==",
			// 15 and 17 bytes, and a SHA-256.
			"AAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAAA=", SHA256, "", "not base64!" })
	void refusesAnythingButTheCanonicalBase64OfSixteenBytesAsMd5(String value) {
		assertChecksumInvalid(() -> Checksums.md5(value), "contentMd5");
	}

	@ParameterizedTest
	@ValueSource(strings = { "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU",
			// Non-zero padding bits: decodes to the same 32 bytes.
			"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFV=", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFX=",
			// URL-safe alphabet.
			"47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU=",
			// Whitespace.
			"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n", "\t47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
			"47DEQpj8HBSa+/TImW+5JCeu QeRkm5NMpJWZG3hSuFU=",
			// Too much padding.
			"47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU==",
			// 31 and 33 bytes, and an MD5.
			"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", MD5,
			"abc" })
	void refusesAnythingButTheCanonicalBase64OfThirtyTwoBytesAsSha256(String value) {
		assertChecksumInvalid(() -> Checksums.sha256(value), "checksumSha256");
	}

	@Test
	void acceptsExactlyTheCanonicalEncodingOfEveryDigestLength() {
		for (int length : new int[] { 15, 16, 17, 31, 32, 33 }) {
			String canonical = Base64.getEncoder().encodeToString(filled(length, 0xa5));
			boolean md5 = length == 16;
			boolean sha256 = length == 32;
			UnaryOperator<String> check = md5 ? Checksums::md5 : Checksums::sha256;
			if (md5 || sha256) {
				assertThat(check.apply(canonical)).isEqualTo(canonical);
			}
			else {
				assertChecksumInvalid(() -> Checksums.md5(canonical), "contentMd5");
				assertChecksumInvalid(() -> Checksums.sha256(canonical), "checksumSha256");
			}
		}
	}

	private static byte[] filled(int length, int value) {
		byte[] bytes = new byte[length];
		Arrays.fill(bytes, (byte) value);
		return bytes;
	}

	private static void assertChecksumInvalid(Runnable check, String field) {
		assertThatThrownBy(check::run).isInstanceOfSatisfying(PolicyViolation.class, (violation) -> {
			assertThat(violation.rule()).isEqualTo(Rule.CHECKSUM_INVALID);
			assertThat(violation.field()).isEqualTo(field);
		});
	}

}
