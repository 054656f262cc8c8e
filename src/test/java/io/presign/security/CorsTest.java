package io.presign.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.presign.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Browser preflights over real HTTP: the configured origin is allowed and cached, any
 * other is refused.
 */
class CorsTest extends IntegrationTest {

	@LocalServerPort
	private int port;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void preflightFromTheAllowedOriginSucceeds() throws Exception {
		HttpResponse<String> response = preflight("https://app.example.com");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
		assertThat(response.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
		assertThat(response.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
			.contains("authorization")
			.contains("content-type");
		assertThat(response.headers().firstValue("Access-Control-Max-Age")).hasValue("3600");
		assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
	}

	@Test
	void preflightFromAnotherOriginIsRefused() throws Exception {
		HttpResponse<String> response = preflight("https://evil.example.net");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	void actualRequestExposesTheHeadersFrontendsNeed() throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/v1/profiles"))
			.header("Origin", "https://app.example.com")
			.header("X-Api-Key", ALICE_KEY)
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Access-Control-Expose-Headers").orElse("")).contains("X-Request-Id")
			.contains("Retry-After");
	}

	@Test
	void apiKeysAreNotAnAllowedBrowserHeader() throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/v1/uploads"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", "https://app.example.com")
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "x-api-key")
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(403);
	}

	private HttpResponse<String> preflight(String origin) throws Exception {
		return this.http.send(HttpRequest.newBuilder(uri("/v1/uploads"))
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.header("Origin", origin)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "authorization,content-type")
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
