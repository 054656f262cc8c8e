package io.presign.support;

import java.net.URI;
import java.util.Map;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.springdoc.core.customizers.OpenApiCustomizer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * In the embedded run, the multipart examples name real uploads, started afresh each time
 * the description is served ({@code springdoc.cache.disabled}): one to presign and list
 * parts of, one with a part uploaded to complete, one to abort. So "Try it out" works
 * unedited on every call, as for the other operations, for the dev API key's caller
 * ({@code users/dev/}).
 */
final class LiveUploadExamples implements OpenApiCustomizer {

	private static final String KEY = "users/dev/big.bin";

	private final URI endpoint;

	LiveUploadExamples(URI endpoint) {
		this.endpoint = endpoint;
	}

	@Override
	public void customise(OpenAPI openApi) {
		try (S3Client s3 = EmbeddedS3Server.client(this.endpoint)) {
			String listed = start(s3);
			String completed = start(s3);
			String etag = s3
				.uploadPart((part) -> part.bucket(EmbeddedDemo.BUCKET).key(KEY).uploadId(completed).partNumber(1),
						RequestBody.fromString("the only part, so it may be small\n"))
				.eTag();
			Map<String, String> uploads = Map.of("parts", listed, "listParts", listed, "completeMultipartUpload",
					completed, "abort", start(s3));
			openApi.getPaths().values().forEach((path) -> path.readOperations().forEach((operation) -> {
				String uploadId = uploads.get(operation.getOperationId());
				if (uploadId != null) {
					uploadIdExample(operation, uploadId);
				}
				if ("completeMultipartUpload".equals(operation.getOperationId())) {
					operation.getRequestBody()
						.getContent()
						.get("application/json")
						.setExample(
								Json.mapper()
									.createObjectNode()
									.put("profile", "demo")
									.put("key", "big.bin")
									.set("parts", Json.mapper()
										.createArrayNode()
										.add(Json.mapper().createObjectNode().put("partNumber", 1).put("etag", etag))));
				}
			}));
		}
	}

	private static String start(S3Client s3) {
		return s3
			.createMultipartUpload(
					(upload) -> upload.bucket(EmbeddedDemo.BUCKET).key(KEY).contentType("application/octet-stream"))
			.uploadId();
	}

	private static void uploadIdExample(Operation operation, String uploadId) {
		for (Parameter parameter : operation.getParameters()) {
			if ("uploadId".equals(parameter.getName())) {
				parameter.setExample(uploadId);
			}
		}
	}

}
