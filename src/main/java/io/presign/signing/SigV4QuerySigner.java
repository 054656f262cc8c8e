package io.presign.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.SortedMap;

import org.jspecify.annotations.Nullable;

/**
 * AWS Signature Version 4 for presigned S3 requests (query-string authentication),
 * written to cost little more than the one SHA-256 and one HMAC chain the algorithm
 * needs: the derived signing key is kept per day, region and secret
 * ({@link SigningKeys}), and nothing is built that the URL does not contain. Its output
 * is byte for byte the AWS SDK's {@code S3Presigner}'s, which
 * {@code SigV4QuerySignerTest} checks over thousands of generated requests and against
 * AWS's published example.
 */
final class SigV4QuerySigner {

	static final String ALGORITHM = "AWS4-HMAC-SHA256";

	private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

	private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private static final char[] HEX_DIGITS = "0123456789abcdef".toCharArray();

	private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

	private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	});

	private volatile @Nullable FormattedSecond lastSecond;

	private volatile @Nullable EncodedToken lastToken;

	/**
	 * A request to presign.
	 *
	 * @param method the HTTP method
	 * @param scheme {@code https} on AWS
	 * @param host the Host header value, with the port when it is not the scheme's
	 * default
	 * @param path the object's path before encoding: {@code /key} with virtual-host
	 * addressing, {@code /bucket/key} with path-style
	 * @param parameters the request's own query parameters (such as {@code versionId},
	 * {@code partNumber})
	 * @param headers headers the client must send and that are signed, besides
	 * {@code host}; names in lower case
	 * @param signedAt the signing time
	 * @param expiresInSeconds the lifetime
	 * @param region the region the request is signed for
	 * @param accessKeyId the access key id
	 * @param secretAccessKey the secret key
	 * @param sessionToken the session token of temporary credentials
	 */
	record Request(String method, String scheme, String host, String path, SortedMap<String, String> parameters,
			SortedMap<String, String> headers, Instant signedAt, long expiresInSeconds, String region,
			String accessKeyId, String secretAccessKey, @Nullable String sessionToken) {
	}

	/**
	 * @return the presigned URL, in the SDK's layout: the request's parameters, then the
	 * authentication ones
	 */
	String presign(Request request) {
		FormattedSecond second = formatted(request.signedAt());
		String amzDate = second.amzDate();
		SigningKeys.Scope scope = SigningKeys.scope(request.accessKeyId(), request.secretAccessKey(), second.day(),
				request.region());
		Workspace work = WORKSPACE.get().reset();
		// Canonical headers are sorted by name: host goes in among the request's own.
		StringBuilder names = work.names;
		StringBuilder encodedNames = work.encodedNames;
		StringBuilder canonicalHeaders = work.canonicalHeaders;
		boolean hostAdded = false;
		for (Map.Entry<String, String> header : request.headers().entrySet()) {
			String name = header.getKey();
			checkHeaderName(name);
			if (!hostAdded && name.compareTo("host") > 0) {
				canonicalHeader(names, encodedNames, canonicalHeaders, "host", request.host());
				hostAdded = true;
			}
			canonicalHeader(names, encodedNames, canonicalHeaders, name, header.getValue());
		}
		if (!hostAdded) {
			canonicalHeader(names, encodedNames, canonicalHeaders, "host", request.host());
		}

		// The URL carries the request's parameters, then the authentication ones, in the
		// SDK's order; the
		// canonical query has them all sorted by encoded name, the authentication ones in
		// the fixed order below.
		String token = (request.sessionToken() != null) ? encodedToken(request.sessionToken()) : null;
		long expires = request.expiresInSeconds();
		String canonicalPath = S3Escaper.encodePath(request.path());
		StringBuilder url = work.url.append(request.scheme())
			.append("://")
			.append(request.host())
			.append(canonicalPath)
			.append('?');
		StringBuilder canonical = work.canonical.append(request.method())
			.append('\n')
			.append(canonicalPath)
			.append('\n');
		StringBuilder canonicalAfter = work.canonicalAfter;
		for (Map.Entry<String, String> parameter : request.parameters().entrySet()) {
			String name = S3Escaper.encode(parameter.getKey());
			String value = S3Escaper.encode(parameter.getValue());
			url.append(name).append('=').append(value).append('&');
			if (name.compareTo("X-Amz-Algorithm") < 0) {
				canonical.append(name).append('=').append(value).append('&');
			}
			else if (name.compareTo("X-Amz-SignedHeaders") > 0) {
				canonicalAfter.append('&').append(name).append('=').append(value);
			}
			else {
				throw new IllegalArgumentException("Parameter " + name + " sorts among the authentication ones");
			}
		}
		if (token != null) {
			url.append("X-Amz-Security-Token=").append(token).append('&');
		}
		url.append("X-Amz-Algorithm=" + ALGORITHM + "&X-Amz-Date=")
			.append(amzDate)
			.append("&X-Amz-SignedHeaders=")
			.append(encodedNames);
		url.append("&X-Amz-Credential=").append(scope.encodedCredential()).append("&X-Amz-Expires=").append(expires);

		canonical.append("X-Amz-Algorithm=" + ALGORITHM + "&X-Amz-Credential=")
			.append(scope.encodedCredential())
			.append("&X-Amz-Date=")
			.append(amzDate)
			.append("&X-Amz-Expires=")
			.append(expires);
		if (token != null) {
			canonical.append("&X-Amz-Security-Token=").append(token);
		}
		canonical.append("&X-Amz-SignedHeaders=")
			.append(encodedNames)
			.append(canonicalAfter)
			.append('\n')
			.append(canonicalHeaders)
			.append('\n')
			.append(names)
			.append('\n')
			.append(UNSIGNED_PAYLOAD);

		StringBuilder stringToSign = work.stringToSign.append(ALGORITHM + "\n")
			.append(amzDate)
			.append('\n')
			.append(scope.scope())
			.append('\n');
		appendHex(stringToSign, sha256(canonical), work.hex);
		url.append("&X-Amz-Signature=");
		appendHex(url, scope.sign(stringToSign), work.hex);
		return url.toString();
	}

	/**
	 * The {@code X-Amz-Date} of a signing time and its day; the last one is kept, as URLs
	 * signed in the same second share it.
	 */
	private FormattedSecond formatted(Instant signedAt) {
		FormattedSecond last = this.lastSecond;
		long second = signedAt.getEpochSecond();
		if (last == null || last.epochSecond() != second) {
			String amzDate = AMZ_DATE.format(signedAt);
			last = new FormattedSecond(second, amzDate, amzDate.substring(0, 8));
			this.lastSecond = last;
		}
		return last;
	}

	/**
	 * Adds a header to the signed names, as the canonical request lists them and as the
	 * URL's {@code X-Amz-SignedHeaders} carries them (the ';' between them
	 * percent-encoded), and to the canonical headers.
	 */
	private static void canonicalHeader(StringBuilder names, StringBuilder encodedNames, StringBuilder canonicalHeaders,
			String name, String value) {
		if (!names.isEmpty()) {
			names.append(';');
			encodedNames.append("%3B");
		}
		names.append(name);
		encodedNames.append(name);
		canonicalHeaders.append(name).append(':').append(trimmed(value)).append('\n');
	}

	/**
	 * Header names are given as the canonical request has them, in lower case; the
	 * letters, digits and '-' of the names S3 knows need no percent-encoding in
	 * {@code X-Amz-SignedHeaders}.
	 */
	private static void checkHeaderName(String name) {
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
				throw new IllegalArgumentException(
						"Header names are given in lower case, of letters, digits and '-': " + name);
			}
		}
	}

	/**
	 * A session token percent-encoded: every URL signed with the same credentials carries
	 * it, and a real one is hundreds of characters of base64 whose '+', '/' and '=' must
	 * each be encoded, so the last one is kept.
	 */
	private String encodedToken(String token) {
		EncodedToken last = this.lastToken;
		if (last == null || !last.token().equals(token)) {
			last = new EncodedToken(token, S3Escaper.encode(token));
			this.lastToken = last;
		}
		return last.encoded();
	}

	/** Header values as SigV4 canonicalizes them: trimmed, runs of spaces made one. */
	private static String trimmed(String value) {
		String stripped = value.strip();
		return stripped.contains("  ") ? stripped.replaceAll(" +", " ") : stripped;
	}

	private static byte[] sha256(CharSequence text) {
		MessageDigest digest = SHA_256.get();
		return digest.digest(text.toString().getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Written through a char array and appended at once: appending 64 single characters
	 * costs more.
	 */
	private static void appendHex(StringBuilder target, byte[] bytes, char[] hex) {
		for (int i = 0; i < bytes.length; i++) {
			hex[2 * i] = HEX_DIGITS[(bytes[i] >> 4) & 0xf];
			hex[2 * i + 1] = HEX_DIGITS[bytes[i] & 0xf];
		}
		target.append(hex, 0, 2 * bytes.length);
	}

	/**
	 * What one signing writes, kept per thread and cleared before each: the builders grow
	 * to a URL's size once instead of being allocated for every URL.
	 */
	private static final class Workspace {

		final StringBuilder names = new StringBuilder(64);

		final StringBuilder encodedNames = new StringBuilder(64);

		final StringBuilder canonicalHeaders = new StringBuilder(128);

		final StringBuilder canonicalAfter = new StringBuilder(64);

		final StringBuilder canonical = new StringBuilder(768);

		final StringBuilder stringToSign = new StringBuilder(160);

		final StringBuilder url = new StringBuilder(768);

		/** Room for a SHA-256 in hex. */
		final char[] hex = new char[64];

		Workspace reset() {
			this.names.setLength(0);
			this.encodedNames.setLength(0);
			this.canonicalHeaders.setLength(0);
			this.canonicalAfter.setLength(0);
			this.canonical.setLength(0);
			this.stringToSign.setLength(0);
			this.url.setLength(0);
			return this;
		}

	}

	private record FormattedSecond(long epochSecond, String amzDate, String day) {
	}

	private record EncodedToken(String token, String encoded) {
	}

}
