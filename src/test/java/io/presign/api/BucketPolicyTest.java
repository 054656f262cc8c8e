package io.presign.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.presign.support.ApiClient;
import io.presign.support.EmbeddedS3Server;
import io.presign.support.IntegrationTest;
import io.presign.support.ProblemAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bucket guardrails of a profile, over HTTP: a policy that denies presigned requests
 * older than the profile's max expiry, plain HTTP, and keys outside the prefix for the
 * signing role, and a CORS rule for the configured origins; for admins only.
 */
class BucketPolicyTest extends IntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void policyFollowsTheProfile() throws Exception {
		ApiClient.Response response = this.api.get("/v1/profiles/files/bucket-policy", ApiClient.apiKey("ops-key"));
		assertThat(response.status()).as(response.text()).isEqualTo(200);
		JsonNode body = response.json();
		assertThat(body.get("bucket").asString()).isEqualTo(BUCKET);
		assertThat(body.at("/bucketPolicy/Version").asString()).isEqualTo("2012-10-17");
		Map<String, JsonNode> statements = statements(body);
		assertThat(statements).containsOnlyKeys("DenyInsecureTransport", "DenyPresignedUrlsOlderThanMaxExpiry",
				"DenySigningRoleOutsideProfilePrefixes");
		statements.values().forEach((statement) -> assertThat(statement.get("Effect").asString()).isEqualTo("Deny"));

		JsonNode insecure = statements.get("DenyInsecureTransport");
		assertThat(insecure.at("/Condition/Bool/aws:SecureTransport").asString()).isEqualTo("false");
		assertThat(strings(insecure.get("Resource"))).containsExactly("arn:aws:s3:::" + BUCKET,
				"arn:aws:s3:::" + BUCKET + "/*");

		JsonNode old = statements.get("DenyPresignedUrlsOlderThanMaxExpiry");
		assertThat(old.at("/Condition/NumericGreaterThan/s3:signatureAge").asLong())
			.as("the longest max-expiry on it-bucket (1h; reports has 10m), in ms")
			.isEqualTo(3_600_000L);
		assertThat(old.at("/Condition/StringEquals/s3:authType").asString()).isEqualTo("REST-QUERY-STRING");

		JsonNode role = statements.get("DenySigningRoleOutsideProfilePrefixes");
		assertThat(role.at("/Principal/AWS").asString()).as("no role configured: a placeholder")
			.isEqualTo(BucketGuardrailsPlaceholder.ROLE);
		assertThat(strings(role.get("NotResource"))).as("every profile on it-bucket, and the canary")
			.containsExactlyInAnyOrder("arn:aws:s3:::" + BUCKET + "/users/*", "arn:aws:s3:::" + BUCKET + "/reports/*",
					"arn:aws:s3:::" + BUCKET + "/tenants/*", "arn:aws:s3:::" + BUCKET + "/uploads/*",
					"arn:aws:s3:::" + BUCKET + "/_presign-canary/*");
		assertThat(strings(role.get("Action"))).as("versions, ACLs, tags and deletes too")
			.contains("s3:GetObject*", "s3:PutObject*", "s3:DeleteObject*")
			.noneMatch((action) -> action.equals("s3:*") || action.startsWith("s3:ListBucket"));
		assertThat(body.get("notes").toString()).contains("replace it before applying");

		JsonNode cors = body.at("/cors/CORSRules/0");
		assertThat(strings(cors.get("AllowedOrigins"))).containsExactly("https://app.example.com");
		assertThat(strings(cors.get("ExposeHeaders"))).contains("ETag");
		// The embedded S3 server the browser tests run against carries this very rule.
		assertThat(strings(cors.get("AllowedMethods"))).containsExactlyElementsOf(EmbeddedS3Server.CORS_METHODS);
		// And the README shows it as it is.
		assertThat(JSON.readTree(readmeCorsRule())).isEqualTo(body.get("cors"));
	}

	private static String readmeCorsRule() throws Exception {
		String readme = Files.readString(Path.of("README.md"));
		int start = readme.indexOf("```json\n", readme.indexOf("need this CORS rule")) + "```json\n".length();
		return readme.substring(start, readme.indexOf("```", start));
	}

	@Test
	void profilesSharingABucketShareItsPolicy() {
		JsonNode reports = this.api.get("/v1/profiles/reports/bucket-policy", ApiClient.apiKey("ops-key")).json();
		JsonNode files = this.api.get("/v1/profiles/files/bucket-policy", ApiClient.apiKey("ops-key")).json();
		assertThat(reports.get("bucketPolicy")).isEqualTo(files.get("bucketPolicy"));
		assertThat(reports.get("notes").toString()).contains("share this bucket");
	}

	@Test
	void adminsOnly() {
		ProblemAssertions.assertProblem(this.api.get("/v1/profiles/files/bucket-policy", ApiClient.apiKey(ALICE_KEY)),
				403, "scope-missing", null);
		ProblemAssertions.assertProblem(this.api.get("/v1/profiles/nope/bucket-policy", ApiClient.apiKey("ops-key")),
				404, "profile-not-found", "profile");
		ProblemAssertions.assertProblem(this.api.get("/v1/profiles/files/bucket-policy", Map.of()), 401,
				"unauthenticated", null);
	}

	private static Map<String, JsonNode> statements(JsonNode body) {
		Map<String, JsonNode> bySid = new LinkedHashMap<>();
		body.at("/bucketPolicy/Statement")
			.forEach((statement) -> bySid.put(statement.get("Sid").asString(), statement));
		return bySid;
	}

	private static List<String> strings(JsonNode array) {
		return array.valueStream().map(JsonNode::asString).toList();
	}

	/** The placeholder's text, as operators will see it. */
	private static final class BucketGuardrailsPlaceholder {

		static final String ROLE = "arn:aws:iam::ACCOUNT_ID:role/SIGNING_ROLE";

	}

}
