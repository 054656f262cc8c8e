package io.presign.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.presign.support.ApiClient;
import io.presign.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document is public and describes both security schemes, every endpoint, and
 * examples of success and of each error.
 */
class ApiDocumentationTest extends IntegrationTest {

	@Test
	void documentDescribesBothSecuritySchemes() {
		JsonNode schemes = openApi().at("/components/securitySchemes");
		assertThat(schemes.at("/bearer/scheme").asString()).isEqualTo("bearer");
		assertThat(schemes.at("/bearer/bearerFormat").asString()).isEqualTo("JWT");
		assertThat(schemes.at("/apiKey/in").asString()).isEqualTo("header");
		assertThat(schemes.at("/apiKey/name").asString()).isEqualTo("X-Api-Key");
	}

	@Test
	void documentDeclaresTheLicenseOfTheRepository() throws IOException {
		assertThat(openApi().at("/info/license/name").asString()).isEqualTo("Apache-2.0");
		assertThat(openApi().at("/info/license/url").asString())
			.isEqualTo("https://www.apache.org/licenses/LICENSE-2.0");
		assertThat(Files.readString(Path.of("LICENSE")).strip())
			.startsWith("Apache License\n                           Version 2.0");
	}

	@Test
	void everyEndpointHasExamplesForSuccessAndErrors() {
		JsonNode paths = openApi().get("paths");
		assertThat(paths.propertyNames()).contains("/v1/downloads", "/v1/uploads", "/v1/profiles",
				"/v1/downloads/batch", "/v1/form-uploads", "/v1/multipart-uploads",
				"/v1/multipart-uploads/{uploadId}/parts", "/v1/multipart-uploads/{uploadId}/complete",
				"/v1/multipart-uploads/{uploadId}", "/v1/diagnostics/{profile}");
		for (String path : new String[] { "/v1/form-uploads", "/v1/multipart-uploads",
				"/v1/multipart-uploads/{uploadId}/parts", "/v1/downloads/batch" }) {
			assertThat(paths.get(path).at("/post/responses/200/content/application~1json/example").isMissingNode())
				.as(path)
				.isFalse();
		}
		for (String path : new String[] { "/v1/downloads", "/v1/uploads" }) {
			JsonNode responses = paths.get(path).at("/post/responses");
			assertThat(responses.propertyNames()).contains("200", "400", "401", "403", "404", "503");
			assertThat(responses.at("/200/content/application~1json/example/url").asString()).contains("X-Amz-");
			assertThat(responses.at("/400/content/application~1problem+json/examples").isEmpty()).isFalse();
		}
		assertThat(paths.get("/v1/uploads")
			.at("/post/responses/400/content/application~1problem+json/examples")
			.propertyNames()).contains("content-type-not-allowed", "content-length-too-large");
		assertThat(paths.get("/v1/profiles").at("/get/responses").propertyNames()).contains("200", "401");
		assertThat(paths.toString()).as("the caller is resolved from credentials, never a parameter")
			.doesNotContain("\"name\":\"caller\"");
	}

	@Test
	void requestSchemasCarryExamples() {
		JsonNode upload = openApi().at("/components/schemas/UploadRequest/properties");
		assertThat(upload.at("/contentType/example").asString()).isEqualTo("image/png");
		assertThat(upload.at("/contentLength/example").asLong()).isEqualTo(48213);
	}

	/**
	 * The typed client is generated from the copy under
	 * {@code src/test/resources/openapi}: it must be the service's own description, its
	 * server (a test's random port) aside. After an API change, refresh it from
	 * {@code target/openapi.json}.
	 */
	@Test
	void theGeneratedClientsDescriptionIsTheServicesOwn() throws IOException {
		JsonNode live = openApi().deepCopy();
		((ObjectNode) live).remove("servers");
		JsonNode copy = JsonMapper.builder()
			.build()
			.readTree(Files.readString(Path.of("src", "test", "resources", "openapi", "presign-service.json")));
		assertThat(copy).as("src/test/resources/openapi/presign-service.json is out of date").isEqualTo(live);
	}

	/**
	 * Also leaves the document in {@code target/openapi.json}, where {@code .ci/run}
	 * lints it.
	 */
	private JsonNode openApi() {
		ApiClient.Response response = this.api.get("/v3/api-docs", Map.of());
		try {
			Files.write(Path.of("target", "openapi.json"), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return response.json();
	}

}
