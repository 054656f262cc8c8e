package io.presign.policy;

import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Joins a client's key to its expanded prefix, refusing anything that could escape the
 * prefix or that S3 and its clients treat inconsistently.
 */
final class ObjectKeyRules {

	/** S3's limit on the UTF-8 length of a key. */
	static final int MAX_KEY_BYTES = 1024;

	private ObjectKeyRules() {
	}

	/**
	 * @param prefix the caller's expanded prefix
	 * @param clientKey the key part the client chose
	 * @return the full object key, always starting with {@code prefix}
	 */
	static String resolve(String prefix, @Nullable String clientKey) {
		return resolve(prefix, clientKey, "key");
	}

	/**
	 * @param prefix the caller's expanded prefix
	 * @param clientKey the key part the client chose
	 * @param field the request field that carried it
	 * @return the full object key, always starting with {@code prefix}
	 */
	static String resolve(String prefix, @Nullable String clientKey, String field) {
		if (clientKey == null || clientKey.isEmpty()) {
			throw invalid(field, "The key must not be empty");
		}
		if (clientKey.startsWith("/")) {
			throw invalid(field, "The key must not start with '/'");
		}
		if (clientKey.indexOf('\\') >= 0) {
			throw invalid(field, "The key must not contain a backslash");
		}
		if (TextRules.hasUnsafeCharacters(clientKey)) {
			throw invalid(field, "The key must not contain control characters or malformed Unicode");
		}
		if (TextRules.hasMisleadingCharacters(clientKey)) {
			throw invalid(field, "The key must not contain invisible, bidirectional or line-separating characters, "
					+ "or characters that look like '/', '\\' or '.' (such as the division slash)");
		}
		if (!TextRules.isNfc(clientKey)) {
			throw invalid(field, "The key must be in Unicode normalization form NFC");
		}
		for (int start = 0; start <= clientKey.length();) {
			int end = clientKey.indexOf('/', start);
			if (end < 0) {
				end = clientKey.length();
			}
			int length = end - start;
			if (length == 0) {
				throw invalid(field, "The key must not contain empty segments ('//' or a trailing '/')");
			}
			if (clientKey.charAt(start) == '.'
					&& (length == 1 || (length == 2 && clientKey.charAt(start + 1) == '.'))) {
				throw invalid(field, "The key must not contain '.' or '..' segments");
			}
			start = end + 1;
		}
		String key = prefix + clientKey;
		// A char is at most three UTF-8 bytes (a surrogate pair, two chars, four): short
		// keys need no count.
		if (key.length() > MAX_KEY_BYTES / 3 && key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
			throw new PolicyViolation(Rule.KEY_INVALID, field,
					"The full key, prefix included, must not exceed " + MAX_KEY_BYTES + " UTF-8 bytes",
					Map.of("maxKeyBytes", MAX_KEY_BYTES, "prefix", prefix));
		}
		return key;
	}

	private static PolicyViolation invalid(String field, String detail) {
		return new PolicyViolation(Rule.KEY_INVALID, field, detail);
	}

}
