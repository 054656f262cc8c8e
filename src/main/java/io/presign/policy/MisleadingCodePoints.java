package io.presign.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The code points refused in keys and file names for what they hide or imitate: the
 * invisible ones, those that break a line, and those that look like {@code /}, {@code \}
 * or {@code .}. Listed here as the Unicode 17.0.0 data files list them, so that each
 * entry can be checked against its source; docs/api.md lists them too.
 *
 * <p>
 * The JDK's own character data is not used: Java 17 knows Unicode 13, and what a key may
 * hold must not change with the JVM that runs the service.
 */
final class MisleadingCodePoints {

	/**
	 * DerivedCoreProperties.txt, Default_Ignorable_Code_Point: characters a renderer
	 * shows as nothing. Zero-width space, (non-)joiners, word joiner, soft hyphen,
	 * bidirectional marks, embeddings, overrides and isolates, variation selectors,
	 * Hangul fillers, tag characters (E0020..E007F), and the reserved code points Unicode
	 * keeps invisible for the future.
	 */
	private static final int[][] DEFAULT_IGNORABLE = { { 0x00AD, 0x00AD }, { 0x034F, 0x034F }, { 0x061C, 0x061C },
			{ 0x115F, 0x1160 }, { 0x17B4, 0x17B5 }, { 0x180B, 0x180F }, { 0x200B, 0x200F }, { 0x202A, 0x202E },
			{ 0x2060, 0x206F }, { 0x3164, 0x3164 }, { 0xFE00, 0xFE0F }, { 0xFEFF, 0xFEFF }, { 0xFFA0, 0xFFA0 },
			{ 0xFFF0, 0xFFF8 }, { 0x1BCA0, 0x1BCA3 }, { 0x1D173, 0x1D17A }, { 0xE0000, 0xE0FFF } };

	/**
	 * DerivedGeneralCategory.txt, Zl and Zp: LINE SEPARATOR and PARAGRAPH SEPARATOR,
	 * which split a key over lines wherever it is shown.
	 */
	private static final int[][] LINE_AND_PARAGRAPH_SEPARATORS = { { 0x2028, 0x2029 } };

	/**
	 * confusables.txt (UTS #39), every source mapped to 002E FULL STOP, 002F SOLIDUS or
	 * 005C REVERSE SOLIDUS, or to two or three of them ({@code ..}, {@code //},
	 * {@code ///}, {@code \\}). Not 2026 HORIZONTAL ELLIPSIS: it looks like {@code ...},
	 * an ordinary name, and is common in file names.
	 */
	private static final int[][] CONFUSABLE_WITH_DOT_OR_SLASH = {
			// → . (not the digits U+0660, U+06F0: see WRITTEN_AS)
			{ 0x1D16D, 0x1D16D }, { 0x2024, 0x2024 }, { 0x0701, 0x0702 }, { 0xA60E, 0xA60E }, { 0x10A50, 0x10A50 },
			{ 0xA4F8, 0xA4F8 },
			// → / (not U+30CE, U+4E3F)
			{ 0x1735, 0x1735 }, { 0x2041, 0x2041 }, { 0x2215, 0x2215 }, { 0x2044, 0x2044 }, { 0x2571, 0x2571 },
			{ 0x27CB, 0x27CB }, { 0x29F8, 0x29F8 }, { 0x1D23A, 0x1D23A }, { 0x31D3, 0x31D3 }, { 0x3033, 0x3033 },
			{ 0x2CC6, 0x2CC7 }, { 0x2F03, 0x2F03 },
			// → \ (not U+4E36)
			{ 0xFF3C, 0xFF3C }, { 0xFE68, 0xFE68 }, { 0x2216, 0x2216 }, { 0x27CD, 0x27CD }, { 0x29F5, 0x29F5 },
			{ 0x29F9, 0x29F9 }, { 0x1D20F, 0x1D20F }, { 0x1D23B, 0x1D23B }, { 0x31D4, 0x31D4 }, { 0x2F02, 0x2F02 },
			// → .. // /// \\
			{ 0x2025, 0x2025 }, { 0xA4FA, 0xA4FA }, { 0x2AFD, 0x2AFD }, { 0x2AFB, 0x2AFB }, { 0x2CF9, 0x2CF9 },
			{ 0x244A, 0x244A } };

	/**
	 * UnicodeData.txt, the compatibility variants of {@code .} and {@code /}
	 * ({@code <small> 002E}, {@code <wide> 002E}, {@code <wide> 002F}) that
	 * confusables.txt leaves out, as NFKC maps them: refused even where folding them
	 * would make no separator or dot segment ({@code a．b}).
	 */
	private static final int[][] COMPATIBILITY_VARIANTS = { { 0xFE52, 0xFE52 }, { 0xFF0E, 0xFF0F } };

	/**
	 * Letters and digits of living scripts that confusables.txt also maps to {@code .},
	 * {@code /} or {@code \}: the Arabic-Indic and Persian zeros (U+0660, U+06F0),
	 * Katakana NO (U+30CE, as in ノート) and the CJK ideographs U+4E3F and U+4E36. They are
	 * ordinary text in names, so they are refused only where, read as what they look
	 * like, they would make a {@code .} or {@code ..} segment ({@code ..ノ..ノalice} shows
	 * as {@code ../../alice}).
	 */
	static final String WRITTEN_AS = "\u0660.\u06F0.\u30CE/\u4E3F/\u4E36\\";

	/** First code points of the merged ranges, ascending. */
	private static final int[] STARTS;

	/** Last code points of the same ranges. */
	private static final int[] ENDS;

	static {
		List<int[]> merged = new ArrayList<>();
		Stream
			.of(DEFAULT_IGNORABLE, LINE_AND_PARAGRAPH_SEPARATORS, CONFUSABLE_WITH_DOT_OR_SLASH, COMPATIBILITY_VARIANTS)
			.flatMap(Arrays::stream)
			.sorted(Comparator.comparingInt((int[] range) -> range[0]))
			.forEach((range) -> {
				int[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
				if (last != null && range[0] <= last[1] + 1) {
					last[1] = Math.max(last[1], range[1]);
				}
				else {
					merged.add(range.clone());
				}
			});
		STARTS = merged.stream().mapToInt((range) -> range[0]).toArray();
		ENDS = merged.stream().mapToInt((range) -> range[1]).toArray();
	}

	private MisleadingCodePoints() {
	}

	/**
	 * @param codePoint a Unicode code point
	 * @return whether it is listed above
	 */
	static boolean contains(int codePoint) {
		int index = Arrays.binarySearch(STARTS, codePoint);
		if (index >= 0) {
			return true;
		}
		int before = -index - 2;
		return before >= 0 && codePoint <= ENDS[before];
	}

}
