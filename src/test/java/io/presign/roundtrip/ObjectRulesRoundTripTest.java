package io.presign.roundtrip;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.presign.support.ApiClient;
import io.presign.support.EmbeddedS3Server;
import io.presign.support.IntegrationTest;
import io.presign.support.ProblemAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.checksums.SdkChecksum;
import software.amazon.awssdk.checksums.spi.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A profile's object rules, enforced by the embedded S3 server (which checks SigV4)
 * through what is signed: a create-only upload is refused the second time, stamped
 * metadata and storage class are required and read back, tags are signed, checksums
 * computed by the AWS SDK are signed as given and a wrong one is refused by S3, and a
 * download's response type is what S3 answers with.
 */
class ObjectRulesRoundTripTest extends IntegrationTest {

	private static final HttpClient S3_HTTP = HttpClient.newHttpClient();

	@Test
	void aCreateOnlyUploadIsRefusedTheSecondTime() throws Exception {
		String key = "notes/" + UUID.randomUUID() + ".txt";
		byte[] body = "first and only\n".getBytes(StandardCharsets.UTF_8);
		JsonNode first = upload("stamped", key, "text/plain", body.length, Map.of());
		assertThat(first.get("headers").get("If-None-Match").asString()).isEqualTo("*");
		assertThat(put(first, body).statusCode()).isEqualTo(200);

		HttpResponse<String> again = put(upload("stamped", key, "text/plain", body.length, Map.of()), body);
		assertThat(again.statusCode()).as(again.body()).isEqualTo(412);
		assertThat(again.body()).contains("<Code>PreconditionFailed</Code>");
		assertThat(EmbeddedS3Server.shared().read(BUCKET, "stamped/alice/" + key)).isEqualTo(body);
	}

	@Test
	void stampedHeadersAreRequiredAndTheObjectCarriesThem() throws Exception {
		String key = "notes/" + UUID.randomUUID() + ".txt";
		byte[] body = "who wrote me?\n".getBytes(StandardCharsets.UTF_8);
		JsonNode upload = upload("stamped", key, "text/plain", body.length,
				Map.of("metadata", Map.of("project", "apollo")));
		assertThat(upload.get("headers").propertyNames()).containsExactly("Content-Length", "Content-Type",
				"If-None-Match", "X-Amz-Meta-Project", "X-Amz-Meta-Uploaded-By", "X-Amz-Storage-Class");
		assertThat(upload.get("headers").get("X-Amz-Meta-Uploaded-By").asString()).isEqualTo("alice");

		for (String dropped : List.of("If-None-Match", "X-Amz-Meta-Uploaded-By", "X-Amz-Meta-Project",
				"X-Amz-Storage-Class")) {
			HttpResponse<String> without = put(upload, body, dropped);
			assertThat(without.statusCode()).as(dropped + ": " + without.body()).isEqualTo(403);
			assertThat(without.body()).contains("SignatureDoesNotMatch");
		}
		HttpResponse<String> forged = send(upload, body, Map.of("X-Amz-Meta-Uploaded-By", "mallory"));
		assertThat(forged.statusCode()).as(forged.body()).isEqualTo(403);

		assertThat(put(upload, body).statusCode()).isEqualTo(200);
		try (S3Client s3 = EmbeddedS3Server.client(EmbeddedS3Server.shared().endpoint())) {
			HeadObjectResponse stored = s3.headObject((head) -> head.bucket(BUCKET).key("stamped/alice/" + key));
			assertThat(stored.metadata())
				.containsExactlyInAnyOrderEntriesOf(Map.of("uploaded-by", "alice", "project", "apollo"));
			assertThat(stored.storageClassAsString()).isEqualTo("STANDARD_IA");
		}
	}

	@Test
	void callersMayAddOnlyTheMetadataTheProfileNames() {
		ProblemAssertions.assertProblem(issue("stamped", Map.of("metadata", Map.of("team", "x"))), 400,
				"request-invalid", "metadata");
		ProblemAssertions.assertProblem(issue("stamped", Map.of("metadata", Map.of("uploaded-by", "mallory"))), 400,
				"request-invalid", "metadata");
		ProblemAssertions.assertProblem(issue("stamped", Map.of("metadata", Map.of("project", "a\u2060b"))), 400,
				"request-invalid", "metadata");
		ProblemAssertions.assertProblem(issue("files", Map.of("metadata", Map.of("project", "apollo"))), 400,
				"request-invalid", "metadata");
	}

	@Test
	void tagsAreSignedSoThatAClientCannotDropThem() throws Exception {
		byte[] body = "tagged\n".getBytes(StandardCharsets.UTF_8);
		JsonNode upload = upload("tagged", "t/" + UUID.randomUUID() + ".txt", "text/plain", body.length, Map.of());
		assertThat(upload.get("headers").get("X-Amz-Tagging").asString()).isEqualTo("owner=alice&retention=30d");
		HttpResponse<String> without = put(upload, body, "X-Amz-Tagging");
		assertThat(without.statusCode()).as(without.body()).isEqualTo(403);
		assertThat(without.body()).contains("SignatureDoesNotMatch");
		// The embedded server implements no object tags: with the header it answers 501,
		// after the signature passed.
		HttpResponse<String> with = put(upload, body);
		assertThat(with.statusCode()).as(with.body()).isEqualTo(501);
	}

	@Test
	void aFormUploadIsRefusedWhereS3CouldNotEnforceCreateOnly() {
		ApiClient.Response form = this.api.postJson("/v1/form-uploads",
				Map.of("profile", "stamped", "key", "f.txt", "contentType", "text/plain"), ApiClient.apiKey(ALICE_KEY));
		ProblemAssertions.assertProblem(form, 403, "operation-not-allowed", "profile");
		assertThat(form.json().get("detail").asString()).contains("overwrite: deny");
	}

	@ParameterizedTest
	@EnumSource(names = { "CRC32", "CRC32C", "SHA1", "SHA256" })
	void checksumsComputedByTheSdkAreSignedAndTheStoreChecksThem(DefaultChecksumAlgorithmName name) throws Exception {
		byte[] body = ("checked by S3 with " + name + "\n").getBytes(StandardCharsets.UTF_8);
		String value = sdkChecksum(name.algorithm(), body);
		JsonNode upload = upload("files", "sums/" + UUID.randomUUID() + ".bin", "application/octet-stream", body.length,
				Map.of("checksum", Map.of("algorithm", name.name(), "value", value)));
		String header = "X-Amz-Checksum-" + name.name().charAt(0) + name.name().substring(1).toLowerCase();
		assertThat(upload.get("headers").get(header).asString()).isEqualTo(value);
		assertThat(upload.get("url").asString()).contains("x-amz-checksum-" + name.name().toLowerCase());

		HttpResponse<String> stored = put(upload, body);
		assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
		byte[] other = body.clone();
		other[0] ^= 1;
		JsonNode wrong = upload("files", "sums/" + UUID.randomUUID() + ".bin", "application/octet-stream", other.length,
				Map.of("checksum", Map.of("algorithm", name.name(), "value", value)));
		HttpResponse<String> refused = put(wrong, other);
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
		assertThat(refused.body()).contains("BadDigest");
	}

	@Test
	void aProfileThatRequiresAChecksumRefusesAnUploadWithoutIt() throws Exception {
		ProblemAssertions.assertProblem(issue("checked", Map.of()), 400, "checksum-invalid", "checksum");
		ProblemAssertions.assertProblem(
				issue("checked",
						Map.of("checksum",
								Map.of("algorithm", "SHA256", "value",
										Base64.getEncoder().encodeToString(new byte[32])))),
				400, "checksum-invalid", "checksum");
		ProblemAssertions.assertProblem(
				issue("checked", Map.of("checksum", Map.of("algorithm", "CRC32", "value", "AAAAAA"))), 400,
				"checksum-invalid", "checksum.value");
		byte[] body = new byte[] { 1, 2, 3 };
		JsonNode upload = upload("checked", "c/" + UUID.randomUUID() + ".bin", "application/octet-stream", body.length,
				Map.of("checksum",
						Map.of("algorithm", "CRC32", "value", sdkChecksum(DefaultChecksumAlgorithm.CRC32, body))));
		assertThat(put(upload, body).statusCode()).isEqualTo(200);
	}

	@Test
	void aDownloadAnswersWithTheTypeItAskedFor() throws Exception {
		String key = "typed/" + UUID.randomUUID() + ".log";
		EmbeddedS3Server.shared()
			.put(BUCKET, "users/alice/" + key, "plain words\n".getBytes(StandardCharsets.UTF_8),
					"application/octet-stream");
		ApiClient.Response download = this.api.postJson("/v1/downloads",
				Map.of("profile", "files", "key", key, "responseContentType", "text/plain"),
				ApiClient.apiKey(ALICE_KEY));
		assertThat(download.status()).as(download.text()).isEqualTo(200);
		assertThat(download.json().get("url").asString()).contains("response-content-type=text%2Fplain");
		HttpResponse<String> got = S3_HTTP.send(
				HttpRequest.newBuilder(URI.create(download.json().get("url").asString())).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(got.statusCode()).isEqualTo(200);
		assertThat(got.headers().firstValue("Content-Type")).hasValue("text/plain");

		ProblemAssertions.assertProblem(this.api.postJson("/v1/downloads",
				Map.of("profile", "files", "key", key, "responseContentType", "text/html"),
				ApiClient.apiKey(ALICE_KEY)), 400, "content-type-not-allowed", "responseContentType");
	}

	@Test
	void theProfileListingAndTheMetricsShowTheRules() {
		JsonNode stamped = this.api.get("/v1/profiles", ApiClient.apiKey(ALICE_KEY))
			.json()
			.valueStream()
			.filter((profile) -> "stamped".equals(profile.get("name").asString()))
			.findFirst()
			.orElseThrow();
		assertThat(stamped.get("overwrite").asString()).isEqualTo("deny");
		assertThat(stamped.get("metadata").valueStream().map(JsonNode::asString)).containsExactly("uploaded-by");
		assertThat(stamped.get("clientMetadata").valueStream().map(JsonNode::asString)).containsExactly("project");
		assertThat(stamped.get("storageClass").asString()).isEqualTo("STANDARD_IA");

		upload("stamped", "m/" + UUID.randomUUID() + ".txt", "text/plain", 3, Map.of());
		upload("stamped", "m/" + UUID.randomUUID() + ".txt", "text/plain", 3, Map.of());
		String metrics = this.management.get("/actuator/prometheus", Map.of()).text();
		assertThat(metrics)
			.containsPattern(
					"presign_uploads_object_rules_total\\{[^}]*profile=\"stamped\",rule=\"create-only\"[^}]*} [2-9]")
			.containsPattern("presign_uploads_object_rules_total\\{[^}]*profile=\"stamped\",rule=\"metadata\"");
	}

	/** The algorithms the embedded server checks, by the AWS SDK's names. */
	enum DefaultChecksumAlgorithmName {

		CRC32(DefaultChecksumAlgorithm.CRC32), CRC32C(DefaultChecksumAlgorithm.CRC32C),
		SHA1(DefaultChecksumAlgorithm.SHA1), SHA256(DefaultChecksumAlgorithm.SHA256);

		private final ChecksumAlgorithm algorithm;

		DefaultChecksumAlgorithmName(ChecksumAlgorithm algorithm) {
			this.algorithm = algorithm;
		}

		ChecksumAlgorithm algorithm() {
			return this.algorithm;
		}

	}

	private static String sdkChecksum(ChecksumAlgorithm algorithm, byte[] body) {
		SdkChecksum checksum = SdkChecksum.forAlgorithm(algorithm);
		checksum.update(body);
		return Base64.getEncoder().encodeToString(checksum.getChecksumBytes());
	}

	private ApiClient.Response issue(String profile, Map<String, Object> more) {
		Map<String, Object> request = new LinkedHashMap<>(
				Map.of("profile", profile, "key", "x/" + UUID.randomUUID() + ".txt", "contentType",
						"checked".equals(profile) ? "application/octet-stream" : "text/plain", "contentLength", 3));
		request.putAll(more);
		return this.api.postJson("/v1/uploads", request, ApiClient.apiKey(ALICE_KEY));
	}

	private JsonNode upload(String profile, String key, String contentType, long length, Map<String, Object> more) {
		Map<String, Object> request = new LinkedHashMap<>(
				Map.of("profile", profile, "key", key, "contentType", contentType, "contentLength", length));
		request.putAll(more);
		ApiClient.Response response = this.api.postJson("/v1/uploads", request, ApiClient.apiKey(ALICE_KEY));
		assertThat(response.status()).as(response.text()).isEqualTo(200);
		return response.json();
	}

	/** PUTs with the headers the answer names, but those dropped. */
	private static HttpResponse<String> put(JsonNode upload, byte[] body, String... dropped) throws Exception {
		return send(upload, body, Map.of(), dropped);
	}

	private static HttpResponse<String> send(JsonNode upload, byte[] body, Map<String, String> replaced,
			String... dropped) throws Exception {
		Set<String> skip = new HashSet<>(List.of(dropped));
		skip.add("Content-Length");
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upload.get("url").asString()))
			.timeout(Duration.ofSeconds(30))
			.PUT(HttpRequest.BodyPublishers.ofByteArray(body));
		upload.get("headers").properties().forEach((header) -> {
			if (!skip.contains(header.getKey())) {
				request.header(header.getKey(), replaced.getOrDefault(header.getKey(), header.getValue().asString()));
			}
		});
		return S3_HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
