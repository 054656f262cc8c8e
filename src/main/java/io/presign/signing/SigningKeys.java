package io.presign.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SigV4 key derivation for S3 and the HMAC it is built from, shared by the query signer and the POST
 * policy signer.
 */
final class SigningKeys {

	private SigningKeys() {
	}

	/**
	 * The signing key of a day: {@code HMAC(HMAC(HMAC(HMAC("AWS4" + secret, day), region), "s3"), "aws4_request")}.
	 * @param day the date of {@code x-amz-date}, as {@code yyyyMMdd}
	 */
	static byte[] derive(String secretAccessKey, String day, String region) {
		byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), day);
		key = hmac(key, region);
		key = hmac(key, "s3");
		return hmac(key, "aws4_request");
	}

	static byte[] hmac(byte[] key, String data) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Every Java platform has HmacSHA256", ex);
		}
	}

}
