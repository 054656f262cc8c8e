package io.presign.signing;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The lean signer against AWS's published example and, over thousands of generated
 * requests, byte for byte against the AWS SDK's presigner: keys with Unicode and reserved
 * characters, signed headers, response overrides, versions, parts, expiries, session
 * tokens, both addressing styles and custom endpoints.
 */
class SigV4QuerySignerTest {

	private static final Pattern AMZ_DATE = Pattern.compile("X-Amz-Date=(\\d{8}T\\d{6}Z)");

	private static final DateTimeFormatter AMZ_DATE_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private static final List<String> REGIONS = List.of("eu-west-1", "ap-northeast-1", "us-west-2", "sa-east-1");

	private static final String KEY_CHARS = "abcXYZ019 /+%~*'()!$&=;:@,?#[]-_.\"<>^`{|}é😀\u00e9\u0301\u4e2d";

	private final SigV4QuerySigner signer = new SigV4QuerySigner();

	/**
	 * AWS's example of a presigned GET (Amazon S3 API Reference, "Authenticating
	 * Requests: Using Query Parameters").
	 */
	@Test
	void matchesAwsPublishedExample() {
		String url = this.signer.presign(new SigV4QuerySigner.Request("GET", "https", "examplebucket.s3.amazonaws.com",
				"/test.txt", new TreeMap<>(), new TreeMap<>(), Instant.parse("2013-05-24T00:00:00Z"), 86400,
				"us-east-1", "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", null));
		assertThat(url).endsWith("X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
	}

	/**
	 * The signer writes into buffers kept per thread: a signing that fails half-way
	 * leaves nothing behind.
	 */
	@Test
	void signsAfterASigningThatFailedHalfWay() {
		// Refused in the query, after the headers and part of the URL were written.
		TreeMap<String, String> among = new TreeMap<>(Map.of("X-Amz-Credential2", "x", "partNumber", "1"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.signer
			.presign(new SigV4QuerySigner.Request("PUT", "https", "examplebucket.s3.amazonaws.com", "/test.txt", among,
					new TreeMap<>(Map.of("content-type", "text/plain")), Instant.parse("2013-05-24T00:00:00Z"), 86400,
					"us-east-1", "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", null)));
		matchesAwsPublishedExample();
	}

	/**
	 * The signed names go into the URL as given: a name in upper case would not match its
	 * canonical form, and one with other characters would need encoding.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "Content-Type", "x-amz-meta-a_b", "x-amz-meta-a;b", "x amz" })
	void refusesHeaderNamesOutsideLowerCaseLettersDigitsAndDashes(String name) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.signer
				.presign(new SigV4QuerySigner.Request("PUT", "https", "examplebucket.s3.amazonaws.com", "/test.txt",
						new TreeMap<>(), new TreeMap<>(Map.of(name, "v")), Instant.parse("2013-05-24T00:00:00Z"), 86400,
						"us-east-1", "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", null)))
			.withMessageContaining(name);
	}

	@Test
	void byteIdenticalToTheSdkPresignerOverGeneratedRequests() {
		long seed = Long.getLong("property.seed", 20261128L);
		SplittableRandom random = new SplittableRandom(seed);
		for (int i = 0; i < 3000; i++) {
			Case c = generate(random);
			String expected = sdk(c);
			Matcher date = AMZ_DATE.matcher(expected);
			assertThat(date.find()).isTrue();
			Instant signedAt = Instant.from(AMZ_DATE_FORMAT.parse(date.group(1)));
			assertThat(lean(c, signedAt)).as("case %d of seed %d: %s", i, seed, c).isEqualTo(expected);
		}
	}

	private String lean(Case c, Instant signedAt) {
		URI endpoint = (c.endpoint() != null) ? c.endpoint()
				: URI.create("https://" + c.bucket() + ".s3." + c.region() + ".amazonaws.com");
		String path = (c.endpoint() != null) ? "/" + c.bucket() + "/" + c.key() : "/" + c.key();
		SortedMap<String, String> parameters = new TreeMap<>();
		SortedMap<String, String> headers = new TreeMap<>();
		switch (c.operation()) {
			case "GET" -> {
				if (c.versionId() != null) {
					parameters.put("versionId", c.versionId());
				}
				if (c.disposition() != null) {
					parameters.put("response-content-disposition", c.disposition());
				}
			}
			case "PUT" -> {
				headers.put("content-type", c.contentType());
				headers.put("content-length", Long.toString(c.length()));
				if (c.sse()) {
					headers.put("x-amz-server-side-encryption", "AES256");
				}
			}
			default -> {
				parameters.put("partNumber", Integer.toString(c.partNumber()));
				parameters.put("uploadId", c.uploadId());
				headers.put("content-length", Long.toString(c.length()));
			}
		}
		return this.signer.presign(new SigV4QuerySigner.Request(c.operation().equals("GET") ? "GET" : "PUT",
				endpoint.getScheme(), endpoint.getRawAuthority().replace(":443", ""), path, parameters, headers,
				signedAt, c.expires(), c.region(), "AKIDEXAMPLE", c.secret(), c.token()));
	}

	private static String sdk(Case c) {
		AwsCredentials credentials = (c.token() != null)
				? AwsSessionCredentials.create("AKIDEXAMPLE", c.secret(), c.token())
				: AwsBasicCredentials.create("AKIDEXAMPLE", c.secret());
		S3Presigner.Builder builder = S3Presigner.builder()
			.region(Region.of(c.region()))
			.credentialsProvider(StaticCredentialsProvider.create(credentials))
			.serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(c.endpoint() != null).build());
		if (c.endpoint() != null) {
			builder.endpointOverride(c.endpoint());
		}
		Duration lifetime = Duration.ofSeconds(c.expires());
		try (S3Presigner presigner = builder.build()) {
			return switch (c.operation()) {
				case "GET" -> presigner.presignGetObject((r) -> r.signatureDuration(lifetime)
					.getObjectRequest((g) -> g.bucket(c.bucket())
						.key(c.key())
						.versionId(c.versionId())
						.responseContentDisposition(c.disposition())))
					.url()
					.toString();
				case "PUT" -> presigner.presignPutObject((r) -> r.signatureDuration(lifetime)
					.putObjectRequest((p) -> p.bucket(c.bucket())
						.key(c.key())
						.contentType(c.contentType())
						.contentLength(c.length())
						.serverSideEncryption(c.sse() ? "AES256" : null)))
					.url()
					.toString();
				default -> presigner.presignUploadPart((r) -> r.signatureDuration(lifetime)
					.uploadPartRequest((p) -> p.bucket(c.bucket())
						.key(c.key())
						.uploadId(c.uploadId())
						.partNumber(c.partNumber())
						.contentLength(c.length())))
					.url()
					.toString();
			};
		}
	}

	// The last carries non-ASCII text, which the canonical request signs as UTF-8.
	private static final String[] CONTENT_TYPES = { "image/png", "text/plain; charset=utf-8",
			"text/plain; title=\"Ünïcødé ✓ 文字\"" };

	/**
	 * Few tokens, so that consecutive cases often sign with the token of the case before
	 * (which the signer keeps encoded) and often with another.
	 */
	private static Case generate(SplittableRandom random) {
		String[] operations = { "GET", "PUT", "PART" };
		URI[] endpoints = { null, null, URI.create("http://127.0.0.1:9000"),
				URI.create("https://s3.example.test:8443") };
		return new Case(operations[random.nextInt(3)], REGIONS.get(random.nextInt(REGIONS.size())),
				endpoints[random.nextInt(endpoints.length)], "bucket-" + random.nextInt(100), key(random),
				random.nextBoolean() ? "secret/" + random.nextInt(1000) + "+Key" : "wJalrXUtnFEMI/K7MDENG",
				random.nextBoolean() ? "token+/=" + random.nextInt(3) : null, 1 + random.nextLong(604800),
				random.nextBoolean() ? "v " + random.nextInt(10) : null,
				random.nextBoolean() ? "attachment; filename=\"" + key(random) + "\"" : null,
				CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)], 1 + random.nextLong(1L << 33),
				random.nextBoolean(), 1 + random.nextInt(10000), "up/" + random.nextInt(1000) + "=+");
	}

	private static String key(SplittableRandom random) {
		int[] codePoints = KEY_CHARS.codePoints().toArray();
		StringBuilder key = new StringBuilder();
		int length = 1 + random.nextInt(30);
		for (int i = 0; i < length; i++) {
			key.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
		}
		return key.toString().replace("//", "/x/");
	}

	private record Case(String operation, String region, URI endpoint, String bucket, String key, String secret,
			String token, long expires, String versionId, String disposition, String contentType, long length,
			boolean sse, int partNumber, String uploadId) {
	}

}
