package io.presign.policy;

/**
 * Character-level checks shared by every caller-supplied string that ends up in a key or a signed header.
 */
final class TextRules {

	private TextRules() {
	}

	/**
	 * Whether the text holds a control character or a lone surrogate, either of which breaks the
	 * UTF-8 encoding of a key or allows header injection.
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

}
