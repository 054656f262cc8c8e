package io.presign.signing;

import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import io.presign.policy.Encryption;
import io.presign.policy.FormUploadGrant;
import io.presign.policy.Profile;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signs S3 browser-form POST policies with SigV4, which the AWS SDK for Java v2 does not
 * offer. Follows AWS's documented algorithm: the base64 policy document is the string to
 * sign, and the signing key is derived from the secret, date, region and service like any
 * SigV4 key.
 */
final class PostPolicySigner {

	static final String ALGORITHM = "AWS4-HMAC-SHA256";

	private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter EXPIRATION = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private PostPolicySigner() {
	}

	/**
	 * Build and sign the form for a grant.
	 * @param grant what policy allowed
	 * @param credentials the signing credentials
	 * @param signedAt the signing instant (whole seconds)
	 * @param expiresAt when the policy expires
	 * @return the form's fields, in order, the base64 policy and its signature included
	 */
	static Map<String, String> sign(FormUploadGrant grant, AwsCredentials credentials, Instant signedAt,
			Instant expiresAt) {
		Profile profile = grant.profile();
		String day = DATE.format(signedAt);
		String credential = credentials.accessKeyId() + "/" + day + "/" + profile.region() + "/s3/aws4_request";
		Map<String, String> fields = new LinkedHashMap<>();
		// The policy document is written as it is built, field by field: no map or tree
		// in between.
		StringWriter policy = new StringWriter(1024);
		try (JsonGenerator json = JSON.createGenerator(policy)) {
			json.writeStartObject();
			json.writeStringProperty("expiration", EXPIRATION.format(expiresAt));
			json.writeArrayPropertyStart("conditions");
			exact(json, "bucket", profile.bucket());
			String key = grant.key();
			if (key != null) {
				fields.put("key", key);
				exact(json, "key", key);
			}
			else {
				String keyPrefix = String.valueOf(grant.keyPrefix());
				fields.put("key", keyPrefix + "${filename}");
				startsWith(json, "$key", keyPrefix);
			}
			String contentType = grant.contentType();
			if (contentType != null) {
				fields.put("Content-Type", contentType);
				exact(json, "Content-Type", contentType);
			}
			else {
				startsWith(json, "$Content-Type", String.valueOf(grant.contentTypePrefix()));
			}
			json.writeStartArray();
			json.writeString("content-length-range");
			json.writeNumber(1);
			json.writeNumber(grant.maxContentLength());
			json.writeEndArray();
			Encryption encryption = profile.encryption();
			if (encryption != null) {
				field(json, fields, "x-amz-server-side-encryption", encryption.algorithm());
				if (encryption.kmsKeyId() != null) {
					field(json, fields, "x-amz-server-side-encryption-aws-kms-key-id", encryption.kmsKeyId());
				}
			}
			field(json, fields, "x-amz-algorithm", ALGORITHM);
			field(json, fields, "x-amz-credential", credential);
			field(json, fields, "x-amz-date", AMZ_DATE.format(signedAt));
			if (credentials instanceof AwsSessionCredentials session) {
				field(json, fields, "x-amz-security-token", session.sessionToken());
			}
			json.writeEndArray();
			json.writeEndObject();
		}
		String encoded = Base64.getEncoder().encodeToString(policy.toString().getBytes(StandardCharsets.UTF_8));
		fields.put("Policy", encoded);
		fields.put("X-Amz-Signature",
				HexFormat.of()
					.formatHex(SigningKeys
						.scope(credentials.accessKeyId(), credentials.secretAccessKey(), day, profile.region())
						.sign(encoded)));
		return fields;
	}

	/** A form field and the policy condition that it must equal. */
	private static void field(JsonGenerator json, Map<String, String> fields, String name, String value) {
		fields.put(name, value);
		exact(json, name, value);
	}

	private static void exact(JsonGenerator json, String name, String value) {
		json.writeStartObject();
		json.writeStringProperty(name, value);
		json.writeEndObject();
	}

	private static void startsWith(JsonGenerator json, String field, String prefix) {
		json.writeStartArray();
		json.writeString("starts-with");
		json.writeString(field);
		json.writeString(prefix);
		json.writeEndArray();
	}

	/**
	 * The SigV4 signature of a base64 policy.
	 * @param secretAccessKey the secret key
	 * @param date the date of {@code x-amz-date}, as {@code yyyyMMdd}
	 * @param region the bucket's region
	 * @param base64Policy the base64 policy document, which is the string to sign
	 * @return the hex signature
	 */
	static String signature(String secretAccessKey, String date, String region, String base64Policy) {
		byte[] key = SigningKeys.derive(secretAccessKey, date, region);
		return HexFormat.of().formatHex(SigningKeys.hmac(key, base64Policy));
	}

	/**
	 * Where a profile's form posts go: the bucket's URL, path-style or virtual-hosted
	 * like the profile's presigned URLs.
	 * @return the form's action URL
	 */
	static URI actionUrl(Profile profile) {
		if (profile.endpoint() != null) {
			String base = profile.endpoint().toString().replaceAll("/+$", "");
			if (profile.pathStyle()) {
				return URI.create(base + "/" + profile.bucket() + "/");
			}
			URI endpoint = profile.endpoint();
			return URI.create(endpoint.getScheme() + "://" + profile.bucket() + "." + endpoint.getAuthority() + "/");
		}
		// Bucket names with dots do not match S3's wildcard certificate as a host name.
		if (profile.pathStyle() || profile.bucket().contains(".")) {
			return URI.create("https://s3." + profile.region() + ".amazonaws.com/" + profile.bucket() + "/");
		}
		return URI.create("https://" + profile.bucket() + ".s3." + profile.region() + ".amazonaws.com/");
	}

}
