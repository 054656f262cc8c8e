package io.presign.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.presign.client.ApiException;
import io.presign.client.api.UrlsApi;
import io.presign.client.model.DownloadRequest;
import io.presign.client.model.PresignedUrlResponse;
import io.presign.client.model.UploadRequest;
import io.presign.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The typed Java client that openapi-generator makes from the service's own API
 * description (Java's HTTP client, no framework), used by a backend service against the
 * running service: an upload whose URL then takes the file at the embedded S3 server with
 * the returned headers, its download, and a refusal whose problem code the caller reads
 * from the client's exception.
 */
class GeneratedClientTest extends IntegrationTest {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@Test
	void aBackendUploadsDownloadsAndReadsARefusalsCode() throws Exception {
		io.presign.client.ApiClient client = new io.presign.client.ApiClient();
		client.updateBaseUri("http://localhost:" + this.api.port());
		client.setRequestInterceptor((request) -> request.header("X-Api-Key", ALICE_KEY));
		UrlsApi urls = new UrlsApi(client);

		byte[] file = "typed client".getBytes();
		PresignedUrlResponse upload = urls.upload(new UploadRequest().profile("files")
			.key("client/typed.txt")
			.contentType("text/plain")
			.contentLength((long) file.length));
		assertThat(upload.getKey()).isEqualTo("users/alice/client/typed.txt");
		HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(upload.getUrl()))
			.PUT(HttpRequest.BodyPublishers.ofByteArray(file));
		// Content-Length is the body's own, which Java's client sets itself; every other
		// signed header as given.
		upload.getHeaders().forEach((name, value) -> {
			if (!name.equalsIgnoreCase("Content-Length")) {
				put.header(name, value);
			}
		});
		assertThat(HTTP.send(put.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

		PresignedUrlResponse download = urls.download(new DownloadRequest().profile("files").key("client/typed.txt"));
		assertThat(HTTP
			.send(HttpRequest.newBuilder(URI.create(download.getUrl())).build(),
					HttpResponse.BodyHandlers.ofByteArray())
			.body()).isEqualTo(file);

		ApiException refused = catchThrowableOfType(ApiException.class,
				() -> urls.download(new DownloadRequest().profile("files").key("../escape.txt")));
		assertThat(refused.getCode()).isEqualTo(400);
		assertThat(JsonMapper.builder().build().readTree(refused.getResponseBody()).get("code").asString())
			.isEqualTo("key-invalid");
	}

}
