package io.presign.policy;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The characters refused in keys and file names for what they hide or imitate. The lists
 * below are copied from the Unicode 17.0.0 data files, entry by entry, so that this test,
 * not the table in the code, says what is refused and where it comes from.
 */
class TextRulesTest {

	/**
	 * DerivedCoreProperties.txt, Unicode 17.0.0: every Default_Ignorable_Code_Point entry
	 * (4174 code points). Invisible: zero-width characters, joiners, bidirectional
	 * controls, variation selectors, fillers, tag characters (E0020..E007F) and the
	 * reserved code points set aside to stay invisible.
	 */
	private static final List<String> DEFAULT_IGNORABLE = List.of("00AD", "034F", "061C", "115F..1160", "17B4..17B5",
			"180B..180D", "180E", "180F", "200B..200F", "202A..202E", "2060..2064", "2065", "2066..206F", "3164",
			"FE00..FE0F", "FEFF", "FFA0", "FFF0..FFF8", "1BCA0..1BCA3", "1D173..1D17A", "E0000", "E0001",
			"E0002..E001F", "E0020..E007F", "E0080..E00FF", "E0100..E01EF", "E01F0..E0FFF");

	/**
	 * DerivedGeneralCategory.txt, Unicode 17.0.0: Zl (LINE SEPARATOR) and Zp (PARAGRAPH
	 * SEPARATOR), which break a key over lines where it is shown.
	 */
	private static final List<String> LINE_AND_PARAGRAPH_SEPARATORS = List.of("2028", "2029");

	/** confusables.txt, Unicode 17.0.0: the sources mapped to 002E FULL STOP. */
	private static final List<String> LOOK_LIKE_FULL_STOP = List.of("1D16D", "2024", "0701", "0702", "A60E", "10A50",
			"A4F8");

	/** confusables.txt, Unicode 17.0.0: the sources mapped to 002F SOLIDUS. */
	private static final List<String> LOOK_LIKE_SOLIDUS = List.of("1735", "2041", "2215", "2044", "2571", "27CB",
			"29F8", "1D23A", "31D3", "3033", "2CC7", "2CC6", "2F03");

	/** confusables.txt, Unicode 17.0.0: the sources mapped to 005C REVERSE SOLIDUS. */
	private static final List<String> LOOK_LIKE_REVERSE_SOLIDUS = List.of("FF3C", "FE68", "2216", "27CD", "29F5",
			"29F9", "1D20F", "1D23B", "31D4", "2F02");

	/**
	 * confusables.txt, Unicode 17.0.0: the letters and digits of living scripts among its
	 * sources (two zeros, Katakana NO, two CJK ideographs): refused only where they make
	 * a dot segment.
	 */
	private static final List<String> SCRIPT_LOOK_ALIKES = List.of("0660", "06F0", "30CE", "4E3F", "4E36");

	/**
	 * confusables.txt, Unicode 17.0.0: the sources mapped to two or three of them
	 * ({@code ..}, {@code //}, {@code ///}, {@code \\}), all but 2026 HORIZONTAL
	 * ELLIPSIS, whose look-alike {@code ...} is a name like any other.
	 */
	private static final List<String> LOOK_LIKE_RUNS = List.of("2025", "A4FA", "2AFD", "2AFB", "2CF9", "244A");

	/**
	 * UnicodeData.txt, Unicode 17.0.0: the compatibility variants of {@code .} and
	 * {@code /} (decomposition {@code <small> 002E}, {@code <wide> 002E},
	 * {@code <wide> 002F}) that confusables.txt leaves to NFKC.
	 */
	private static final List<String> COMPATIBILITY_VARIANTS = List.of("FE52", "FF0E", "FF0F");

	/** The one listed source that looks like '...', not '..': allowed. */
	private static final int HORIZONTAL_ELLIPSIS = 0x2026;

	@Test
	void refusesEveryListedCodePointInKeysAndFileNames() {
		List<Integer> listed = listed();
		assertThat(listed).hasSize(4174 + 2 + 7 + 13 + 10 + 6 + 3);
		for (int codePoint : listed) {
			String character = Character.toString(codePoint);
			String name = "U+%04X".formatted(codePoint);
			assertThat(TextRules.hasMisleadingCharacters(character)).as(name).isTrue();
			assertThat(TextRules.hasMisleadingCharacters("photo" + character + ".png")).as(name).isTrue();
			assertKeyInvalid("a" + character + "b");
			assertKeyInvalid("dir/" + character);
			assertFilenameInvalid("invoice" + character + ".pdf");
		}
	}

	/**
	 * Every code point, one at a time: refused exactly when listed, or when NFKC folds it
	 * into a separator or a dot segment ({@code ℅} into {@code c/o}).
	 */
	@Test
	void refusesNoOtherCodePoint() {
		Set<Integer> listed = new TreeSet<>(listed());
		List<String> wrong = new ArrayList<>();
		for (int codePoint = 0x80; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
			if (codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE) {
				continue;
			}
			String character = Character.toString(codePoint);
			boolean alone = SCRIPT_LOOK_ALIKES.contains("%04X".formatted(codePoint))
					&& "\u0660\u06F0".contains(character);
			boolean expected = listed.contains(codePoint) || foldsIntoStructure(character) || alone;
			if (TextRules.hasMisleadingCharacters(character) != expected) {
				wrong.add("U+%04X".formatted(codePoint));
			}
		}
		assertThat(wrong.size()).as("wrongly judged, the first: %s", wrong.stream().limit(20).toList()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "a\u2060b", "a\u200Db", "a\u00ADb", "a\u034Fb", "a\u180Eb", "a\u2028b", "a\u2029b",
			"a\uDB40\uDC41b", "users/bob/..\u2215..\u2215alice\u2215photo.png", "x\u2044a.txt", "x\u29F8a.txt",
			"a\uFF0Eb", "users/bob/..\u30CE..\u30CEalice", "\u0660", "a/\u06F0\u06F0/b", "x/\u2025/y", "x\u2AFDy" })
	void refusesTheHostileTestsFindings(String key) {
		assertKeyInvalid(key);
	}

	/**
	 * Katakana NO, two CJK ideographs and the Arabic-Indic and Persian zeros are letters
	 * and digits of ordinary names; they are refused only where, read as the dot or slash
	 * they look like, they make a dot segment.
	 */
	@Test
	void allowsLettersAndDigitsThatLookLikeDotsOrSlashesInNames() {
		assertThat(ObjectKeyRules.resolve("p/", "\u30CE\u30FC\u30C8.txt")).isEqualTo("p/\u30CE\u30FC\u30C8.txt");
		assertThat(ObjectKeyRules.resolve("p/", "\u4E3F\u4E36.txt")).isEqualTo("p/\u4E3F\u4E36.txt");
		assertThat(ObjectKeyRules.resolve("p/", "\u0661\u0660.pdf")).isEqualTo("p/\u0661\u0660.pdf");
		assertThat(ContentDispositionValue.of(null, "\u06F1\u06F0 \u30CE\u30FC\u30C8.pdf"))
			.contains("filename*=UTF-8''");
		assertKeyInvalid("a/..\u4E3F/b");
		assertKeyInvalid("a/\u0660\u0660/b");
		assertKeyInvalid("..\u4E36x");
	}

	@Test
	void refusesInvisibleCharactersInFileNames() {
		assertFilenameInvalid("invoice\u2060.pdf");
		assertFilenameInvalid("invoice\uDB40\uDC41.pdf");
	}

	/**
	 * Emoji built with a zero-width joiner or a variation selector are refused in file
	 * names too: one rule for keys and names, and the joiner is what hides a character.
	 */
	@Test
	void refusesEmojiSequencesButNotEmoji() {
		assertFilenameInvalid("family \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67.jpg");
		assertFilenameInvalid("love \u2764\uFE0F.txt");
		assertThat(ContentDispositionValue.of(null, "\uD83D\uDE00 party.jpg")).contains("filename*=UTF-8''");
		assertThat(ObjectKeyRules.resolve("p/", "\uD83D\uDE00.txt")).isEqualTo("p/\uD83D\uDE00.txt");
	}

	@ParameterizedTest
	@ValueSource(strings = { "report.pdf", "a..b.txt", "notes\u2026.txt", "\u00E9t\u00E9.txt",
			"\u30D5\u30A1\u30A4\u30EB.txt", "\u0645\u0644\u0641.pdf", "\u20AC rates.pdf", "x\u2010y" })
	void acceptsOrdinaryText(String text) {
		assertThat(TextRules.hasMisleadingCharacters(text)).isFalse();
		assertThat(ObjectKeyRules.resolve("p/", text)).isEqualTo("p/" + text);
	}

	private static boolean foldsIntoStructure(String text) {
		String folded = Normalizer.normalize(text, Normalizer.Form.NFKC);
		if (folded.chars().filter((c) -> c == '/' || c == '\\').count() != text.chars()
			.filter((c) -> c == '/' || c == '\\')
			.count()) {
			return true;
		}
		return Stream.of(folded.split("/", -1)).anyMatch((segment) -> segment.equals(".") || segment.equals(".."));
	}

	private static List<Integer> listed() {
		List<Integer> codePoints = new ArrayList<>();
		Stream
			.of(DEFAULT_IGNORABLE, LINE_AND_PARAGRAPH_SEPARATORS, LOOK_LIKE_FULL_STOP, LOOK_LIKE_SOLIDUS,
					LOOK_LIKE_REVERSE_SOLIDUS, LOOK_LIKE_RUNS, COMPATIBILITY_VARIANTS)
			.flatMap(List::stream)
			.forEach((entry) -> {
				String[] bounds = entry.split("\\.\\.");
				int first = Integer.parseInt(bounds[0], 16);
				int last = Integer.parseInt(bounds[bounds.length - 1], 16);
				for (int c = first; c <= last; c++) {
					codePoints.add(c);
				}
			});
		assertThat(codePoints).doesNotContain(HORIZONTAL_ELLIPSIS).doesNotHaveDuplicates();
		return codePoints;
	}

	private static void assertKeyInvalid(String key) {
		assertThatThrownBy(() -> ObjectKeyRules.resolve("users/bob/", key)).as(key)
			.isInstanceOfSatisfying(PolicyViolation.class, (violation) -> {
				assertThat(violation.rule()).isEqualTo(Rule.KEY_INVALID);
				assertThat(violation.field()).isEqualTo("key");
			});
	}

	private static void assertFilenameInvalid(String filename) {
		assertThatThrownBy(() -> ContentDispositionValue.of(null, filename)).as(filename)
			.isInstanceOfSatisfying(PolicyViolation.class, (violation) -> {
				assertThat(violation.rule()).isEqualTo(Rule.FILENAME_INVALID);
				assertThat(violation.field()).isEqualTo("filename");
			});
	}

}
