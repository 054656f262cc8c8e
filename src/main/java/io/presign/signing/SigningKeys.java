package io.presign.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * The SigV4 key derivation for S3 and the HMAC it is built from, shared by the query
 * signer and the POST policy signer. Deriving a day's key costs four HMACs and keying an
 * HMAC two hash blocks, so both are done once per access key, day and region
 * ({@link #scope}), not per URL.
 */
final class SigningKeys {

	static final String HMAC_SHA256 = "HmacSHA256";

	/**
	 * Scopes by (day, region, access key, secret): a handful, unless credentials change
	 * by the minute.
	 */
	private static final Map<String, Scope> SCOPES = new ConcurrentHashMap<>();

	private static final int MAX_SCOPES = 64;

	private static volatile @Nullable Scope last;

	private SigningKeys() {
	}

	/**
	 * The signing key of a day:
	 * {@code HMAC(HMAC(HMAC(HMAC("AWS4" + secret, day), region), "s3"), "aws4_request")}.
	 * @param day the date of {@code x-amz-date}, as {@code yyyyMMdd}
	 */
	static byte[] derive(String secretAccessKey, String day, String region) {
		byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), day);
		key = hmac(key, region);
		key = hmac(key, "s3");
		return hmac(key, "aws4_request");
	}

	static byte[] hmac(byte[] key, String data) {
		return keyedHmac(new SecretKeySpec(key, HMAC_SHA256)).doFinal(data.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The scope and signing key of an access key on a day in a region; the last one used
	 * is kept at hand, as nearly every request signs with the same credentials on the
	 * same day.
	 * @param day the date of {@code x-amz-date}, as {@code yyyyMMdd}
	 */
	static Scope scope(String accessKeyId, String secretAccessKey, String day, String region) {
		Scope recent = last;
		if (recent != null && recent.matches(accessKeyId, secretAccessKey, day, region)) {
			return recent;
		}
		String id = day + "/" + region + "/" + accessKeyId + "/" + secretAccessKey;
		Scope scope = SCOPES.get(id);
		if (scope == null) {
			if (SCOPES.size() >= MAX_SCOPES) {
				SCOPES.clear();
			}
			scope = new Scope(accessKeyId, secretAccessKey, day, region);
			SCOPES.put(id, scope);
		}
		last = scope;
		return scope;
	}

	private static Mac keyedHmac(SecretKeySpec key) {
		try {
			Mac mac = Mac.getInstance(HMAC_SHA256);
			mac.init(key);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Every Java platform has HmacSHA256", ex);
		}
	}

	/**
	 * The credential scope of one access key, day and region, and an HMAC keyed with its
	 * signing key per thread (a {@code Mac} is not thread-safe; after each
	 * {@code doFinal} it is ready again with its key).
	 */
	static final class Scope {

		private final String accessKeyId;

		private final String secret;

		private final String day;

		private final String region;

		private final String scope;

		private final String encodedCredential;

		private final ThreadLocal<Mac> hmac;

		private Scope(String accessKeyId, String secret, String day, String region) {
			this.accessKeyId = accessKeyId;
			this.secret = secret;
			this.day = day;
			this.region = region;
			this.scope = day + "/" + region + "/s3/aws4_request";
			this.encodedCredential = S3Escaper.encode(accessKeyId + "/" + this.scope);
			SecretKeySpec key = new SecretKeySpec(derive(secret, day, region), HMAC_SHA256);
			this.hmac = ThreadLocal.withInitial(() -> keyedHmac(key));
		}

		private boolean matches(String accessKeyId, String secret, String day, String region) {
			return this.day.equals(day) && this.region.equals(region) && this.accessKeyId.equals(accessKeyId)
					&& this.secret.equals(secret);
		}

		/**
		 * @return {@code day/region/s3/aws4_request}
		 */
		String scope() {
			return this.scope;
		}

		/**
		 * @return {@code accessKeyId/scope}, percent-encoded for a query string
		 */
		String encodedCredential() {
			return this.encodedCredential;
		}

		/**
		 * @return the HMAC-SHA256 of the string to sign with this scope's signing key
		 */
		byte[] sign(CharSequence stringToSign) {
			return this.hmac.get().doFinal(stringToSign.toString().getBytes(StandardCharsets.UTF_8));
		}

	}

}
