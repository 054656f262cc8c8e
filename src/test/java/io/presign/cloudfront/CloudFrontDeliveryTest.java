package io.presign.cloudfront;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.presign.support.ApiClient;
import io.presign.support.CloudFrontIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.presign.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Downloads through CloudFront: each issued URL and cookie set is checked here without
 * the SDK, as CloudFront checks it, by rebuilding the policy AWS documents (canned: the
 * URL and {@code AWS:EpochTime}; custom: the policy carried along) and verifying its
 * RSA-SHA1 signature with the key pair's public key.
 */
class CloudFrontDeliveryTest extends CloudFrontIntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void cookiesNeverCoverTheWholeDistribution() {
		assertProblem(this.api.postJson("/v1/downloads/cookies", Map.of("profile", "cdn-shared"),
				ApiClient.apiKey(ALICE_KEY)), 400, "key-invalid", "keyPrefix");
		ApiClient.Response named = this.api.postJson("/v1/downloads/cookies",
				Map.of("profile", "cdn-shared", "keyPrefix", "public/"), ApiClient.apiKey(ALICE_KEY));
		assertThat(named.status()).as(named.text()).isEqualTo(200);
		assertThat(named.json().get("resource").asString()).isEqualTo("https://" + DISTRIBUTION_DOMAIN + "/public/*");
	}

	@Test
	void aDownloadIsACannedPolicyUrlOnTheDistributionThatVerifies() throws Exception {
		ApiClient.Response response = download(Map.of("profile", "cdn", "key", "photos/a b*?.png"));
		assertThat(response.status()).as(response.text()).isEqualTo(200);
		JsonNode body = response.json();
		String url = body.get("url").asString();
		// The key percent-encoded as in S3 paths: a '*' or '?' in a key is no policy
		// wildcard.
		String resource = "https://" + DISTRIBUTION_DOMAIN + "/users/alice/photos/a%20b%2A%3F.png";
		assertThat(url).startsWith(resource + "?Expires=");
		Map<String, String> query = query(url);
		assertThat(query.keySet()).containsExactly("Expires", "Signature", "Key-Pair-Id");
		assertThat(query.get("Key-Pair-Id")).isEqualTo(KEY_PAIR_ID);
		long expires = Long.parseLong(query.get("Expires"));
		assertThat(Instant.ofEpochSecond(expires)).isEqualTo(Instant.parse(body.get("expiresAt").asString()));
		assertThat(body.get("expiresInSeconds").asLong()).isEqualTo(300);
		assertThat(body.get("method").asString()).isEqualTo("GET");
		assertThat(body.get("headers").size()).isZero();
		String cannedPolicy = "{\"Statement\":[{\"Resource\":\"" + resource
				+ "\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":" + expires + "}}}]}";
		assertThat(verifies(cannedPolicy, query.get("Signature"))).isTrue();
		assertThat(verifies(cannedPolicy.replace(resource, resource.replace("alice", "bob")), query.get("Signature")))
			.as("another object's policy does not verify")
			.isFalse();
	}

	@Test
	void anIpRangeMakesACustomPolicyCarryingIt() throws Exception {
		ApiClient.Response response = download(
				Map.of("profile", "cdn", "key", "report.pdf", "ipRange", "192.0.2.0/24", "expiresInSeconds", 600));
		assertThat(response.status()).as(response.text()).isEqualTo(200);
		String url = response.json().get("url").asString();
		Map<String, String> query = query(url);
		assertThat(query.keySet()).containsExactly("Policy", "Signature", "Key-Pair-Id");
		String policy = cloudFrontBase64Decode(query.get("Policy"));
		assertThat(verifies(policy, query.get("Signature"))).isTrue();
		JsonNode statement = JSON.readTree(policy).get("Statement").get(0);
		assertThat(statement.get("Resource").asString())
			.isEqualTo("https://" + DISTRIBUTION_DOMAIN + "/users/alice/report.pdf");
		assertThat(statement.at("/Condition/IpAddress/AWS:SourceIp").asString()).isEqualTo("192.0.2.0/24");
		assertThat(statement.at("/Condition/DateLessThan/AWS:EpochTime").asLong())
			.isEqualTo(Instant.parse(response.json().get("expiresAt").asString()).getEpochSecond());
	}

	@Test
	void cookiesCoverThePrefixWithAWildcardPolicy() throws Exception {
		ApiClient.Response response = this.api.postJson("/v1/downloads/cookies",
				Map.of("profile", "cdn", "keyPrefix", "albums/2026/", "expiresInSeconds", 3600),
				ApiClient.apiKey(ALICE_KEY));
		assertThat(response.status()).as(response.text()).isEqualTo(200);
		JsonNode body = response.json();
		String resource = "https://" + DISTRIBUTION_DOMAIN + "/users/alice/albums/2026/*";
		assertThat(body.get("resource").asString()).isEqualTo(resource);
		assertThat(body.get("domain").asString()).isEqualTo(DISTRIBUTION_DOMAIN);
		assertThat(body.get("path").asString()).isEqualTo("/users/alice/albums/2026/");
		JsonNode cookies = body.get("cookies");
		assertThat(cookies.get("CloudFront-Key-Pair-Id").asString()).isEqualTo(KEY_PAIR_ID);
		String policy = cloudFrontBase64Decode(cookies.get("CloudFront-Policy").asString());
		assertThat(verifies(policy, cookies.get("CloudFront-Signature").asString())).isTrue();
		JsonNode statement = JSON.readTree(policy).get("Statement").get(0);
		assertThat(statement.get("Resource").asString()).isEqualTo(resource);
		assertThat(statement.at("/Condition/DateLessThan/AWS:EpochTime").asLong())
			.isEqualTo(Instant.parse(body.get("expiresAt").asString()).getEpochSecond());
		assertThat(statement.at("/Condition/IpAddress").isMissingNode()).isTrue();
		assertThat(body.get("query").asString()).isEqualTo("Policy=" + cookies.get("CloudFront-Policy").asString()
				+ "&Signature=" + cookies.get("CloudFront-Signature").asString() + "&Key-Pair-Id=" + KEY_PAIR_ID);
		assertThat(this.management.get("/actuator/prometheus", Map.of()).text())
			.containsPattern("presign_urls_issued_total\\{operation=\"cookies\",profile=\"cdn\"[^}]*\\} [1-9]");

		ApiClient.Response whole = this.api.postJson("/v1/downloads/cookies",
				Map.of("profile", "cdn", "ipRange", "198.51.100.0/24"), ApiClient.apiKey(BOB_KEY));
		assertThat(whole.status()).as(whole.text()).isEqualTo(200);
		assertThat(whole.json().get("resource").asString())
			.isEqualTo("https://" + DISTRIBUTION_DOMAIN + "/users/bob/*");
		JsonNode bound = JSON
			.readTree(cloudFrontBase64Decode(whole.json().at("/cookies/CloudFront-Policy").asString()));
		assertThat(bound.at("/Statement/0/Condition/IpAddress/AWS:SourceIp").asString()).isEqualTo("198.51.100.0/24");

		// A prefix is percent-encoded as keys are: its characters are never wildcards of
		// the policy.
		ApiClient.Response odd = this.api.postJson("/v1/downloads/cookies",
				Map.of("profile", "cdn", "keyPrefix", "a*b?c d/"), ApiClient.apiKey(ALICE_KEY));
		assertThat(odd.json().get("resource").asString())
			.isEqualTo("https://" + DISTRIBUTION_DOMAIN + "/users/alice/a%2Ab%3Fc%20d/*");
		assertThat(odd.json().get("path").asString()).isEqualTo("/users/alice/a%2Ab%3Fc%20d/");
	}

	@Test
	void aBatchIsSignedForTheDistributionToo() throws Exception {
		ApiClient.Response response = this.api.postJson("/v1/downloads/batch",
				Map.of("profile", "cdn", "keys", List.of("a.txt", "b.txt")), ApiClient.apiKey(ALICE_KEY));
		assertThat(response.status()).as(response.text()).isEqualTo(200);
		for (JsonNode item : response.json().get("items")) {
			String url = item.at("/download/url").asString();
			Map<String, String> query = query(url);
			String resource = url.substring(0, url.indexOf('?'));
			assertThat(resource).startsWith("https://" + DISTRIBUTION_DOMAIN + "/users/alice/");
			assertThat(verifies(
					"{\"Statement\":[{\"Resource\":\"" + resource
							+ "\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":" + query.get("Expires") + "}}}]}",
					query.get("Signature")))
				.isTrue();
		}
	}

	@Test
	void whatCloudFrontCannotKeepIsRefused() {
		assertProblem(download(Map.of("profile", "cdn", "key", "a.txt", "versionId", "v1")), 400, "request-invalid",
				"versionId");
		assertProblem(download(Map.of("profile", "cdn", "key", "a.txt", "filename", "a.txt")), 400, "request-invalid",
				"filename");
		assertProblem(download(Map.of("profile", "files", "key", "a.txt", "ipRange", "192.0.2.0/24")), 400,
				"request-invalid", "ipRange");
		for (String range : List.of("192.0.2.0/33", "192.0.2.0", "example.com/8", "abcd/8", "2001:db8::/32",
				"192.0.2.0/08", "192.000.2.0/24", "192.0.2.0/+24", " 192.0.2.0/24",
				"192.0.2.0/24\"},\"DateLessThan\":{\"AWS:EpochTime\":9999999999}")) {
			assertProblem(download(Map.of("profile", "cdn", "key", "a.txt", "ipRange", range)), 400, "request-invalid",
					"ipRange");
		}
		assertProblem(download(Map.of("profile", "cdn", "key", "a.txt", "disposition", "attachment")), 400,
				"request-invalid", "disposition");
		assertProblem(
				this.api.postJson("/v1/downloads/cookies", Map.of("profile", "files"), ApiClient.apiKey(ALICE_KEY)),
				403, "operation-not-allowed", "profile");
		assertProblem(this.api.postJson("/v1/downloads/cookies", Map.of("profile", "cdn", "keyPrefix", "../bob/"),
				ApiClient.apiKey(ALICE_KEY)), 400, "key-invalid", "keyPrefix");
		assertProblem(this.api.postJson("/v1/downloads/cookies", Map.of("profile", "cdn", "keyPrefix", "albums"),
				ApiClient.apiKey(ALICE_KEY)), 400, "key-invalid", "keyPrefix");
		assertProblem(this.api.postJson("/v1/downloads/cookies", Map.of("profile", "cdn"), ApiClient.apiKey(CAROL_KEY)),
				403, "scope-missing", "profile");
		assertProblem(this.api.postJson("/v1/downloads/cookies", Map.of("profile", "cdn", "expiresInSeconds", 7201),
				ApiClient.apiKey(ALICE_KEY)), 400, "expiry-out-of-range", "expiresInSeconds");
	}

	private ApiClient.Response download(Map<String, Object> body) {
		return this.api.postJson("/v1/downloads", body, ApiClient.apiKey(ALICE_KEY));
	}

	private static boolean verifies(String policy, String cloudFrontSignature) throws GeneralSecurityException {
		Signature rsa = Signature.getInstance("SHA1withRSA");
		rsa.initVerify(CLOUDFRONT_KEYS.getPublic());
		rsa.update(policy.getBytes(StandardCharsets.UTF_8));
		return rsa.verify(Base64.getDecoder().decode(cloudFrontSafe(cloudFrontSignature)));
	}

	/** CloudFront's URL-safe base64 replaces '+', '=' and '/' with '-', '_' and '~'. */
	private static String cloudFrontSafe(String value) {
		return value.replace('-', '+').replace('_', '=').replace('~', '/');
	}

	private static String cloudFrontBase64Decode(String value) {
		return new String(Base64.getDecoder().decode(cloudFrontSafe(value)), StandardCharsets.UTF_8);
	}

	private static Map<String, String> query(String url) {
		Map<String, String> query = new LinkedHashMap<>();
		for (String pair : URI.create(url).getRawQuery().split("&")) {
			int eq = pair.indexOf('=');
			query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
		}
		return query;
	}

}
