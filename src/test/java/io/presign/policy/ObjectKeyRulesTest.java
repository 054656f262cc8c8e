package io.presign.policy;

import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ObjectKeyRulesTest {

	@Test
	void joinsTheClientKeyToThePrefix() {
		assertThat(ObjectKeyRules.resolve("users/alice/", "photos/cat.png")).isEqualTo("users/alice/photos/cat.png");
	}

	@ParameterizedTest
	@ValueSource(strings = { "a..b.txt", ".hidden", "dir.d/file", "ünïcödé/ファイル.txt", "a b+c=d&e.txt" })
	void acceptsOrdinaryKeys(String key) {
		assertThat(ObjectKeyRules.resolve("p/", key)).isEqualTo("p/" + key);
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "", "/a", "a//b", "a/", "./a", "a/..", "..", "a\\b", "a\tb", "a\u007fb", "a\u0085b", "\udc00" })
	void rejectsKeysThatEscapeOrConfuse(String key) {
		assertThatThrownBy(() -> ObjectKeyRules.resolve("p/", key)).isInstanceOfSatisfying(PolicyViolation.class,
				(violation) -> {
					assertThat(violation.rule()).isEqualTo(Rule.KEY_INVALID);
					assertThat(violation.field()).isEqualTo("key");
				});
	}

	@Test
	void countsUtf8BytesIncludingThePrefix() {
		assertThat(ObjectKeyRules.resolve("p/", "k".repeat(1022))).hasSize(1024);
		assertThatThrownBy(() -> ObjectKeyRules.resolve("p/", "k".repeat(1023))).isInstanceOf(PolicyViolation.class);
		// "€" is three bytes in UTF-8: 340 of them plus the prefix make 1022 bytes, 341
		// make 1025.
		assertThat(ObjectKeyRules.resolve("p/", "€".repeat(340))).isNotNull();
		assertThatThrownBy(() -> ObjectKeyRules.resolve("p/", "€".repeat(341))).isInstanceOf(PolicyViolation.class);
	}

	@RepeatedTest(20)
	void everyAcceptedRandomKeyStaysUnderItsPrefix() {
		for (int i = 0; i < 500; i++) {
			String key = randomKey();
			try {
				String resolved = ObjectKeyRules.resolve("users/alice/", key);
				assertThat(resolved).startsWith("users/alice/");
				assertThat(resolved.split("/")).doesNotContain("..", ".", "");
			}
			catch (PolicyViolation expected) {
				assertThat(expected.rule()).isEqualTo(Rule.KEY_INVALID);
			}
		}
	}

	private static String randomKey() {
		String alphabet = "ab./\\\u0000é";
		ThreadLocalRandom random = ThreadLocalRandom.current();
		StringBuilder key = new StringBuilder();
		int length = random.nextInt(0, 12);
		for (int i = 0; i < length; i++) {
			key.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return key.toString();
	}

}
