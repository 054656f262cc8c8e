package io.presign.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the running service over real HTTP, as a client would.
 */
public final class ApiClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final URI base;

	private final int port;

	/**
	 * @param port the service's port on the loopback interface
	 */
	public ApiClient(int port) {
		this.base = URI.create("http://127.0.0.1:" + port);
		this.port = port;
	}

	/**
	 * @return the service's port, for tests that speak HTTP on a raw socket
	 */
	public int port() {
		return this.port;
	}

	/**
	 * @param apiKey the API key
	 * @return the header that presents it
	 */
	public static Map<String, String> apiKey(String apiKey) {
		return Map.of("X-Api-Key", apiKey);
	}

	/**
	 * @param token the JWT
	 * @return the header that presents it
	 */
	public static Map<String, String> bearer(String token) {
		return Map.of("Authorization", "Bearer " + token);
	}

	/**
	 * POST a JSON body.
	 * @param path the path
	 * @param body the JSON, as text so that malformed bodies can be sent too
	 * @param headers extra headers
	 * @return the response
	 */
	public Response post(String path, String body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.base.resolve(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		headers.forEach(request::header);
		return send(request.build());
	}

	/**
	 * POST an object as JSON.
	 * @param path the path
	 * @param body the body
	 * @param headers extra headers
	 * @return the response
	 */
	public Response postJson(String path, Object body, Map<String, String> headers) {
		return post(path, JSON.writeValueAsString(body), headers);
	}

	/**
	 * GET a path.
	 * @param path the path
	 * @param headers extra headers
	 * @return the response
	 */
	public Response get(String path, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.base.resolve(path)).GET();
		headers.forEach(request::header);
		return send(request.build());
	}

	/**
	 * DELETE a path.
	 * @param path the path
	 * @param headers extra headers
	 * @return the response
	 */
	public Response delete(String path, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(this.base.resolve(path)).DELETE();
		headers.forEach(request::header);
		return send(request.build());
	}

	/**
	 * Point a request built for any host at the service.
	 * @param request a request whose URI's path and query are kept
	 * @return the request, sent to the service
	 */
	public HttpRequest at(HttpRequest.Builder request) {
		HttpRequest built = request.build();
		String query = built.uri().getRawQuery();
		return request.uri(this.base.resolve(built.uri().getRawPath() + ((query != null) ? "?" + query : ""))).build();
	}

	/**
	 * Send any request.
	 * @param request the request
	 * @return the response
	 */
	public Response send(HttpRequest request) {
		try {
			HttpResponse<byte[]> response = this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
			return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response, response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A response.
	 *
	 * @param status the status code
	 * @param contentType the Content-Type, or empty
	 * @param raw the JDK response, for headers
	 * @param body the body
	 */
	public record Response(int status, String contentType, HttpResponse<byte[]> raw, byte[] body) {

		/**
		 * @return the body parsed as JSON
		 */
		public JsonNode json() {
			return JSON.readTree(this.body);
		}

		/**
		 * @return the body as text
		 */
		public String text() {
			return new String(this.body, java.nio.charset.StandardCharsets.UTF_8);
		}

		/**
		 * @param name a header name
		 * @return its first value, or {@code null}
		 */
		public String header(String name) {
			return this.raw.headers().firstValue(name).orElse(null);
		}

	}

}
