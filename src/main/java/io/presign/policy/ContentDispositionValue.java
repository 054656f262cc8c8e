package io.presign.policy;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Builds the {@code Content-Disposition} value S3 returns for a download (RFC 6266), with
 * an RFC 5987 {@code filename*} beside an ASCII fallback when the name is not plain
 * ASCII.
 */
final class ContentDispositionValue {

	private static final int MAX_FILENAME_LENGTH = 255;

	private static final String ATTR_CHARS = "!#$&+-.^_`|~";

	private ContentDispositionValue() {
	}

	/**
	 * @param disposition inline or attachment
	 * @param filename the file name
	 * @return the header value; none when neither is given
	 */
	static @Nullable String of(@Nullable Disposition disposition, @Nullable String filename) {
		if (disposition == null && filename == null) {
			return null;
		}
		String type = ((disposition != null) ? disposition : Disposition.ATTACHMENT).name().toLowerCase(Locale.ROOT);
		if (filename == null) {
			return type;
		}
		if (filename.isBlank() || filename.length() > MAX_FILENAME_LENGTH || TextRules.hasUnsafeCharacters(filename)
				|| TextRules.hasMisleadingCharacters(filename)) {
			throw new PolicyViolation(Rule.FILENAME_INVALID, "filename", "The file name must hold 1 to "
					+ MAX_FILENAME_LENGTH + " characters and no control, bidirectional or invisible characters");
		}
		StringBuilder value = new StringBuilder(type).append("; filename=\"")
			.append(asciiFallback(filename))
			.append('"');
		if (!isPrintableAscii(filename)) {
			value.append("; filename*=UTF-8''").append(percentEncode(filename));
		}
		return value.toString();
	}

	private static boolean isPrintableAscii(String text) {
		return text.chars().allMatch((c) -> c >= 0x20 && c < 0x7f);
	}

	private static String asciiFallback(String filename) {
		StringBuilder fallback = new StringBuilder();
		filename.codePoints().forEach((c) -> {
			if (c == '"' || c == '\\') {
				fallback.append('\\').append((char) c);
			}
			else {
				fallback.append((c >= 0x20 && c < 0x7f) ? (char) c : '_');
			}
		});
		return fallback.toString();
	}

	private static String percentEncode(String filename) {
		StringBuilder encoded = new StringBuilder();
		for (byte b : filename.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| ATTR_CHARS.indexOf(c) >= 0) {
				encoded.append((char) c);
			}
			else {
				encoded.append('%')
					.append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
					.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
			}
		}
		return encoded.toString();
	}

}
