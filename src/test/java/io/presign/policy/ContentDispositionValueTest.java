package io.presign.policy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContentDispositionValueTest {

	@Test
	void nothingAskedMeansNoHeader() {
		assertThat(ContentDispositionValue.of(null, null)).isNull();
	}

	@Test
	void dispositionAlone() {
		assertThat(ContentDispositionValue.of(Disposition.INLINE, null)).isEqualTo("inline");
	}

	@Test
	void asciiNameIsQuotedAndEscaped() {
		assertThat(ContentDispositionValue.of(null, "q3 \"final\" report.pdf"))
			.isEqualTo("attachment; filename=\"q3 \\\"final\\\" report.pdf\"");
	}

	@Test
	void nonAsciiNameGetsAnRfc5987FilenameBesideAFallback() {
		assertThat(ContentDispositionValue.of(Disposition.ATTACHMENT, "€ rates.pdf"))
			.isEqualTo("attachment; filename=\"_ rates.pdf\"; filename*=UTF-8''%E2%82%AC%20rates.pdf");
	}

	@Test
	void refusesNamesThatWouldBreakTheHeader() {
		for (String name : new String[] { "", "a\r\nSet-Cookie: x", "x".repeat(256) }) {
			assertThatThrownBy(() -> ContentDispositionValue.of(null, name)).isInstanceOfSatisfying(
					PolicyViolation.class,
					(violation) -> assertThat(violation.rule()).isEqualTo(Rule.FILENAME_INVALID));
		}
	}

}
