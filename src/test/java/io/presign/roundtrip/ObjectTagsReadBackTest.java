package io.presign.roundtrip;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.presign.PresignServiceApplication;
import io.presign.support.ApiClient;
import io.presign.support.EmbeddedDemo;
import io.presign.support.EmbeddedS3Server;
import io.presign.support.S3MockProcess;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Tag;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A profile's tags and metadata, read back from a store that keeps tags: S3Mock, in a
 * process of its own, since the embedded S3Proxy answers 501 to {@code x-amz-tagging}.
 * S3Mock checks no signature; that the tags are signed, and required, is shown on S3Proxy
 * by {@code ObjectRulesRoundTripTest}. Here the object of a PUT, and of an upload in
 * parts, carries the tags and metadata the service stamped.
 */
class ObjectTagsReadBackTest {

	private static final String BUCKET = "tags-bucket";

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void stampedTagsAndMetadataAreReadBackFromTheStore() throws Exception {
		try (S3MockProcess mock = S3MockProcess.start(BUCKET);
				EmbeddedS3Server demo = EmbeddedS3Server.start(0).createBucket(EmbeddedDemo.BUCKET)) {
			List<String> arguments = new ArrayList<>(List.of(EmbeddedDemo.arguments(demo)));
			arguments.addAll(List.of("--server.port=0", "--management.server.port=0",
					"--presign.profiles.tagged.bucket=" + BUCKET, "--presign.profiles.tagged.region=us-east-1",
					"--presign.profiles.tagged.endpoint=" + mock.endpoint(),
					"--presign.profiles.tagged.allow-insecure-endpoint=true",
					"--presign.profiles.tagged.path-style=true",
					"--presign.profiles.tagged.key-prefix=tags/{principal}/",
					"--presign.profiles.tagged.operations=upload", "--presign.profiles.tagged.content-types=text/plain",
					"--presign.profiles.tagged.max-content-length=1MB", "--presign.profiles.tagged.required-scope=demo",
					"--presign.profiles.tagged.multipart.enabled=true", "--presign.profiles.tagged.tags.retention=30d",
					"--presign.profiles.tagged.tags.owner={principal}",
					"--presign.profiles.tagged.metadata.uploaded-by={principal}"));
			try (ConfigurableApplicationContext app = SpringApplication.from(PresignServiceApplication::main)
				.with(EmbeddedDemo.class)
				.withAdditionalProfiles("embedded")
				.run(arguments.toArray(String[]::new))
				.getApplicationContext(); S3Client store = EmbeddedS3Server.client(mock.endpoint())) {
				ApiClient api = new ApiClient(Integer.parseInt(app.getEnvironment().getProperty("local.server.port")));
				Map<String, String> dev = ApiClient.apiKey(EmbeddedDemo.API_KEY);
				byte[] body = "tagged by policy\n".getBytes(StandardCharsets.UTF_8);

				JsonNode upload = api
					.postJson("/v1/uploads", Map.of("profile", "tagged", "key", "put.txt", "contentType", "text/plain",
							"contentLength", body.length), dev)
					.json();
				assertThat(upload.at("/headers/X-Amz-Tagging").asString()).isEqualTo("owner=dev&retention=30d");
				HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(upload.get("url").asString()))
					.PUT(HttpRequest.BodyPublishers.ofByteArray(body));
				upload.get("headers").properties().forEach((header) -> {
					if (!header.getKey().equalsIgnoreCase("Content-Length")) {
						put.header(header.getKey(), header.getValue().asString());
					}
				});
				HttpResponse<String> stored = this.http.send(put.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
				String putKey = upload.get("key").asString();
				assertThat(tags(store, putKey))
					.containsExactlyInAnyOrderEntriesOf(Map.of("owner", "dev", "retention", "30d"));
				assertThat(metadata(store, putKey)).containsExactlyEntriesOf(Map.of("uploaded-by", "dev"));

				// In parts: the service starts the upload with the tags, and the
				// completed
				// object keeps them.
				JsonNode started = api
					.postJson("/v1/multipart-uploads",
							Map.of("profile", "tagged", "key", "parts.txt", "contentType", "text/plain",
									"contentLength", body.length),
							dev)
					.json();
				String key = started.get("key").asString();
				String uploadId = started.get("uploadId").asString();
				JsonNode part = api
					.postJson("/v1/multipart-uploads/" + uploadId + "/parts", Map.of("profile", "tagged", "fullKey",
							key, "contentLength", body.length, "partNumbers", List.of(1)), dev)
					.json();
				HttpResponse<String> sent = this.http
					.send(HttpRequest.newBuilder(URI.create(part.at("/parts/0/url/url").asString()))
						.PUT(HttpRequest.BodyPublishers.ofByteArray(body))
						.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
				ApiClient.Response completed = api.postJson("/v1/multipart-uploads/" + uploadId + "/complete",
						Map.of("profile", "tagged", "fullKey", key, "parts", List
							.of(Map.of("partNumber", 1, "etag", sent.headers().firstValue("ETag").orElseThrow()))),
						dev);
				assertThat(completed.status()).as(completed.text()).isEqualTo(200);
				assertThat(tags(store, key))
					.containsExactlyInAnyOrderEntriesOf(Map.of("owner", "dev", "retention", "30d"));
				assertThat(metadata(store, key)).containsExactlyEntriesOf(Map.of("uploaded-by", "dev"));
			}
		}
	}

	/**
	 * The object's metadata by lower-case name, as S3 keeps it: S3Mock keeps the case of
	 * the header that carried it.
	 */
	private static Map<String, String> metadata(S3Client store, String key) {
		return store.headObject((head) -> head.bucket(BUCKET).key(key))
			.metadata()
			.entrySet()
			.stream()
			.collect(Collectors.toMap((entry) -> entry.getKey().toLowerCase(Locale.ROOT), Map.Entry::getValue));
	}

	private static Map<String, String> tags(S3Client store, String key) {
		return store.getObjectTagging((tagging) -> tagging.bucket(BUCKET).key(key))
			.tagSet()
			.stream()
			.collect(Collectors.toMap(Tag::key, Tag::value));
	}

}
