package io.presign.security;

import java.util.SplittableRandom;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import org.springframework.security.web.firewall.StrictHttpFirewall;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's check of header values allows exactly what Spring Security's firewall
 * allows.
 */
class AllowedHeaderValuesTest {

	private final Predicate<String> service = new AllowedHeaderValues();

	private final Predicate<String> library = StrictHttpFirewall.ALLOWED_HEADER_VALUES;

	@Test
	void everyCharacterIsAllowedOrRefusedAsTheLibraryDoes() {
		int allowed = 0;
		for (int c = Character.MIN_VALUE; c <= Character.MAX_VALUE; c++) {
			for (String value : new String[] { String.valueOf((char) c), "Bearer " + (char) c + "abc",
					"abc" + (char) c }) {
				assertThat(this.service.test(value)).as("U+%04X in %s", c, value).isEqualTo(this.library.test(value));
			}
			allowed += this.library.test(String.valueOf((char) c)) ? 1 : 0;
		}
		// Both answers were compared many times: controls and unassigned characters are
		// refused.
		assertThat(allowed).isBetween(50_000, 65_000);
	}

	@Test
	void everyCodePointBeyondTheFirstPlaneIsAllowedOrRefusedAsTheLibraryDoes() {
		for (int c = Character.MIN_SUPPLEMENTARY_CODE_POINT; c <= Character.MAX_CODE_POINT; c += 97) {
			String value = "a" + Character.toString(c);
			assertThat(this.service.test(value)).as("U+%X", c).isEqualTo(this.library.test(value));
		}
		// A lone surrogate, high or low, then anything.
		for (String value : new String[] { "a\uD83D", "a\uDE00b", "\uD83D\uD83D" }) {
			assertThat(this.service.test(value)).as(value).isEqualTo(this.library.test(value));
		}
	}

	@Test
	void generatedValuesAreAllowedOrRefusedAsTheLibraryDoes() {
		SplittableRandom random = new SplittableRandom(20261203);
		char[] rare = { '\t', '\u0000', '\u007F', '\u0085', '\u00A0', 'é', '\u0378', '\uFFFF', '\uD83D', '\uDE00', '\n',
				'\r' };
		int[] answers = new int[2];
		for (int i = 0; i < 20_000; i++) {
			StringBuilder value = new StringBuilder();
			for (int n = random.nextInt(40); n > 0; n--) {
				value.append((random.nextInt(20) > 0) ? (char) random.nextInt(' ', '\u007F')
						: rare[random.nextInt(rare.length)]);
			}
			String generated = value.toString();
			boolean expected = this.library.test(generated);
			assertThat(this.service.test(generated)).as(generated).isEqualTo(expected);
			answers[expected ? 1 : 0]++;
		}
		assertThat(answers[0]).as("refused").isGreaterThan(2_000);
		assertThat(answers[1]).as("allowed").isGreaterThan(2_000);
	}

}
