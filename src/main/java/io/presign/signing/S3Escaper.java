package io.presign.signing;

import java.nio.charset.StandardCharsets;

/**
 * RFC 3986 percent-encoding as SigV4 and S3 want it: only unreserved characters stay, and
 * in a path the '/' between segments. One small shared utility, used by the SigV4 signers
 * and by CloudFront's, so that an object key is written the same way in every URL the
 * service issues.
 */
final class S3Escaper {

	private S3Escaper() {
	}

	/**
	 * @return a query parameter's name or value, or a credential, encoded: '/' too
	 */
	static String encode(String text) {
		return encode(text, false);
	}

	/**
	 * @return an object's path encoded, its '/' kept
	 */
	static String encodePath(String path) {
		return encode(path, true);
	}

	private static String encode(String text, boolean keepSlash) {
		int plain = 0;
		while (plain < text.length() && unreserved(text.charAt(plain), keepSlash)) {
			plain++;
		}
		if (plain == text.length()) {
			// Most keys and values are plain: no copy.
			return text;
		}
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		StringBuilder encoded = new StringBuilder(bytes.length + 16);
		for (byte b : bytes) {
			int c = b & 0xff;
			if (unreserved(c, keepSlash)) {
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

	private static boolean unreserved(int c, boolean keepSlash) {
		return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
				|| c == '.' || c == '~' || (keepSlash && c == '/');
	}

}
