package io.presign.docs;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.presign.support.EmbeddedDemo;
import io.presign.support.EmbeddedRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Swagger UI works unedited: every operation's example request, read from the description
 * the embedded run serves, sent as it is with the dev API key, gets the operation's
 * documented success status. Operations that cannot succeed in the embedded run are
 * reported skipped, with why, and a test of their own.
 */
class SwaggerExamplesTest {

	/** What the embedded run cannot do, and where it is tested instead. */
	private static final Map<String, String> NOT_IN_THE_EMBEDDED_RUN = Map.of("cookies",
			"CloudFront cookies need a CloudFront profile (CloudFrontDeliveryTest)", "revoke",
			"revocation needs a signing role in IAM (RevocationTest)", "startUppyUpload",
			"its ticket comes from the answer of /v1/uppy/sign (UppySigningTest)", "completeUppyUpload",
			"its ticket comes from the answer of /v1/uppy/sign (UppySigningTest)");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static EmbeddedRun run;

	private static JsonNode description;

	@BeforeAll
	static void start() throws Exception {
		run = EmbeddedRun.start();
		description = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(run.base() + "/v3/api-docs")).build(),
				HttpResponse.BodyHandlers.ofString())
			.body());
	}

	@AfterAll
	static void stop() {
		run.close();
	}

	@Test
	void groupsComeInTheOrderOfUse() {
		assertThat(description.get("tags").valueStream().map((tag) -> tag.get("name").asString()))
			.containsExactly("URLs", "Form uploads", "Multipart uploads", "Uppy", "Profiles", "Diagnostics", "Admin");
	}

	@TestFactory
	Stream<DynamicTest> everyExampleSucceedsUnedited() {
		List<DynamicTest> tests = new ArrayList<>();
		// In the order a reader goes through them: each multipart example has its own
		// upload, so the order does not matter to them.
		description.get("paths").properties().forEach((path) -> path.getValue().properties().forEach((operation) -> {
			String name = operation.getValue().get("operationId").asString();
			tests
				.add(DynamicTest.dynamicTest(operation.getKey().toUpperCase() + " " + path.getKey() + " (" + name + ")",
						() -> send(path.getKey(), operation.getKey(), operation.getValue())));
		}));
		return tests.stream();
	}

	private static void send(String path, String method, JsonNode operation) throws Exception {
		String name = operation.get("operationId").asString();
		String reason = NOT_IN_THE_EMBEDDED_RUN.get(name);
		if (reason != null) {
			Assumptions.abort(reason);
		}
		StringBuilder query = new StringBuilder();
		for (JsonNode parameter : operation.path("parameters")) {
			JsonNode example = parameter.get("example");
			if (example == null) {
				assertThat(parameter.path("required").asBoolean())
					.as("a required parameter without example: %s", parameter.get("name"))
					.isFalse();
				continue;
			}
			String value = URLEncoder.encode(example.asString(), StandardCharsets.UTF_8);
			switch (parameter.get("in").asString()) {
				case "path" -> path = path.replace("{" + parameter.get("name").asString() + "}", value);
				case "query" -> query.append(query.isEmpty() ? "?" : "&")
					.append(parameter.get("name").asString())
					.append('=')
					.append(value);
				default -> throw new AssertionError("an example of a " + parameter.get("in") + " parameter");
			}
		}
		JsonNode body = operation.at("/requestBody/content/application~1json");
		if (!body.isMissingNode()) {
			assertThat(body.get("example")).as("%s has a request example", name).isNotNull();
		}
		HttpRequest.BodyPublisher publisher = body.isMissingNode() ? HttpRequest.BodyPublishers.noBody()
				: HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body.get("example")));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(run.base() + path + query))
			.method(method.toUpperCase(), publisher)
			.header("X-Api-Key", EmbeddedDemo.API_KEY);
		if (!body.isMissingNode()) {
			request.header("Content-Type", "application/json");
		}
		HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		String success = operation.get("responses")
			.propertyNames()
			.stream()
			.filter((status) -> status.startsWith("2"))
			.findFirst()
			.orElseThrow();
		assertThat(response.statusCode()).as("%s %s%s answered %s", method, path, query, response.body())
			.isEqualTo(Integer.parseInt(success));
	}

}
