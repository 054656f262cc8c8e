package io.presign.policy;

import java.text.Normalizer;

/**
 * Character-level checks shared by every caller-supplied string that ends up in a key or
 * a signed header.
 */
final class TextRules {

	private TextRules() {
	}

	/**
	 * Whether the text holds a control character or a lone surrogate, either of which
	 * breaks the UTF-8 encoding of a key or allows header injection.
	 */
	static boolean hasUnsafeCharacters(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isISOControl(c)) {
				return true;
			}
			if (Character.isHighSurrogate(c)) {
				if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
					return true;
				}
				i++;
			}
			else if (Character.isLowSurrogate(c)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether the text holds a character that makes it look like something it is not: an
	 * invisible one (zero-width space or joiner, word joiner, soft hyphen, byte order
	 * mark, tag characters), a bidirectional control ({@code photo\u202Egnp.exe} shows as
	 * {@code photoexe.png}), a line or paragraph separator, or one that looks like
	 * {@code /}, {@code \} or {@code .} ({@code users/bob/..\u2215..\u2215alice} shows as
	 * {@code users/bob/../../alice}, yet the division slash is no separator to S3 and
	 * NFKC leaves it as it is): {@link MisleadingCodePoints} lists them, from the Unicode
	 * data files. Besides, any character that NFKC folds into a separator or a dot
	 * segment (the full-width solidus, {@code \u2100} into {@code a/c}). Keys and file
	 * names are read by people and by tools that normalize: what they see must be what S3
	 * stores.
	 */
	static boolean hasMisleadingCharacters(String text) {
		if (isAscii(text)) {
			// NFKC leaves ASCII as it is, and every listed character lies beyond it.
			return false;
		}
		boolean scriptLookAlike = false;
		for (int i = 0; i < text.length();) {
			int codePoint = text.codePointAt(i);
			if (MisleadingCodePoints.contains(codePoint)) {
				return true;
			}
			scriptLookAlike |= MisleadingCodePoints.WRITTEN_AS.indexOf(codePoint) % 2 == 0;
			i += Character.charCount(codePoint);
		}
		if (scriptLookAlike && hasDotSegment(readAsItLooks(text))) {
			return true;
		}
		String folded = Normalizer.normalize(text, Normalizer.Form.NFKC);
		if (folded.equals(text)) {
			return false;
		}
		if (count(folded, '/') != count(text, '/') || count(folded, '\\') != count(text, '\\')) {
			return true;
		}
		for (String segment : folded.split("/", -1)) {
			if (segment.equals(".") || segment.equals("..")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The text with each letter or digit that looks like {@code .}, {@code /} or
	 * {@code \} replaced by what it looks like.
	 */
	private static String readAsItLooks(String text) {
		String lookAlikes = MisleadingCodePoints.WRITTEN_AS;
		StringBuilder read = new StringBuilder(text);
		for (int i = 0; i < read.length(); i++) {
			int at = lookAlikes.indexOf(read.charAt(i));
			if (at >= 0 && at % 2 == 0) {
				read.setCharAt(i, lookAlikes.charAt(at + 1));
			}
		}
		return read.toString();
	}

	private static boolean hasDotSegment(String text) {
		for (String segment : text.split("[/\\\\]", -1)) {
			if (segment.equals(".") || segment.equals("..")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether the text is in Unicode normalization form C. {@code é} as one code point
	 * and as {@code e} plus a combining accent look the same but are different S3 keys:
	 * one of them is somebody else's object.
	 */
	static boolean isNfc(String text) {
		return isAscii(text) || Normalizer.isNormalized(text, Normalizer.Form.NFC);
	}

	/**
	 * Most keys are plain ASCII, which no Unicode normalization changes: checked first,
	 * as it costs far less.
	 */
	private static boolean isAscii(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) >= 0x80) {
				return false;
			}
		}
		return true;
	}

	private static long count(String text, char c) {
		return text.chars().filter((x) -> x == c).count();
	}

	/**
	 * A caller's text as it may be echoed in an answer: at most {@code max} characters,
	 * control characters and lone surrogates replaced, so a refusal never repeats a
	 * megabyte, a forged line or broken UTF-8 back.
	 */
	static String excerpt(String text, int max) {
		StringBuilder excerpt = new StringBuilder();
		text.codePoints()
			.limit(max)
			.forEach((c) -> excerpt.appendCodePoint(
					(Character.isISOControl(c) || (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) ? '?'
							: c));
		return (text.codePointCount(0, text.length()) > max) ? excerpt.append("…").toString() : excerpt.toString();
	}

}
