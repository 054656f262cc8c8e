package io.presign.api;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * The request of each operation that Swagger UI fills in for "Try it out", and the order
 * of the operations' groups. Each example names the embedded run's {@code demo} profile,
 * so that, sent unedited with the embedded run's dev API key, it gets the operation's
 * success answer ({@code SwaggerExamplesTest} sends every one); elsewhere a reader
 * changes the profile. The examples of the schemas' properties describe each field; these
 * are whole requests that work together.
 */
final class RequestExamples implements OpenApiCustomizer {

	/** Groups in the order of how often they are used. */
	static final List<String> TAG_ORDER = List.of("URLs", "Form uploads", "Multipart uploads", "Uppy", "Profiles",
			"Diagnostics", "Admin");

	/** The profile every example names. */
	static final String PROFILE = "demo";

	/**
	 * The multipart upload's key, below the caller's prefix, in every multipart example.
	 */
	static final String MULTIPART_KEY = "big.bin";

	/** A placeholder where the example needs an upload id from the start's answer. */
	static final String UPLOAD_ID = "UPLOAD_ID_FROM_THE_START";

	/** The request body of each operation, by operation id. */
	static final Map<String, String> BODIES = Map.of("download", """
			{"profile":"demo","key":"hello.txt","filename":"hello.txt","disposition":"attachment"}""", "downloadBatch",
			"""
					{"profile":"demo","keys":["hello.txt","big.bin"]}""", "cookies", """
					{"profile":"demo","keyPrefix":"albums/2026/"}""", "upload", """
					{"profile":"demo","key":"hello.txt","contentType":"text/plain","contentLength":23}""", "formUpload",
			"""
					{"profile":"demo","key":"avatar.png","contentType":"image/png","maxContentLength":1048576}""",
			"startMultipartUpload",
			"""
					{"profile":"demo","key":"big.bin","contentType":"application/octet-stream","contentLength":12000000}""",
			"parts", """
					{"profile":"demo","key":"big.bin","contentLength":12000000,"partNumbers":[1,2,3]}""",
			"completeMultipartUpload", """
					{"profile":"demo","key":"big.bin","parts":[{"partNumber":1,"etag":"\\"ETAG_OF_PART_1\\""}]}""",
			"sign", """
					{"profile":"demo","method":"PUT","key":"photo.png","contentType":"image/png"}""", "revoke", """
					{"reason":"INC-1234: URLs posted in a public channel"}""");

	/** The parameters of each operation, by operation id and name. */
	static final Map<String, Map<String, String>> PARAMETERS = Map.of("listParts",
			Map.of("uploadId", UPLOAD_ID, "profile", PROFILE, "key", MULTIPART_KEY), "parts",
			Map.of("uploadId", UPLOAD_ID), "completeMultipartUpload", Map.of("uploadId", UPLOAD_ID), "abort",
			Map.of("uploadId", UPLOAD_ID, "profile", PROFILE, "key", MULTIPART_KEY), "bucketPolicy",
			Map.of("name", PROFILE), "diagnose", Map.of("profile", PROFILE));

	@Override
	public void customise(OpenAPI openApi) {
		openApi.setTags(TAG_ORDER.stream()
			.map((name) -> openApi.getTags()
				.stream()
				.filter((tag) -> tag.getName().equals(name))
				.findFirst()
				.orElseGet(() -> new Tag().name(name)))
			.toList());
		openApi.getPaths().values().forEach((path) -> path.readOperations().forEach(RequestExamples::fill));
	}

	private static void fill(Operation operation) {
		String body = BODIES.get(operation.getOperationId());
		MediaType json = (body != null && operation.getRequestBody() != null)
				? operation.getRequestBody().getContent().get("application/json") : null;
		if (body != null && json != null) {
			try {
				json.setExample(Json.mapper().readTree(body));
			}
			catch (JsonProcessingException ex) {
				throw new IllegalStateException("The example of " + operation.getOperationId() + " is no JSON", ex);
			}
		}
		Map<String, String> values = PARAMETERS.getOrDefault(operation.getOperationId(), Map.of());
		if (operation.getParameters() != null) {
			for (Parameter parameter : operation.getParameters()) {
				String value = values.get(parameter.getName());
				if (value != null) {
					parameter.setExample(value);
				}
			}
		}
	}

}
