package io.presign.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * Posts an issued form as a browser would: multipart/form-data, the fields in order, the
 * file last.
 */
public final class FormPost {

	private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private FormPost() {
	}

	/**
	 * @param form the {@code /v1/form-uploads} answer
	 * @return its fields, in order, to post or to tamper with
	 */
	public static Map<String, String> fields(JsonNode form) {
		Map<String, String> fields = new LinkedHashMap<>();
		form.get("fields").properties().forEach((field) -> fields.put(field.getKey(), field.getValue().asString()));
		return fields;
	}

	/**
	 * @param form the {@code /v1/form-uploads} answer, for its URL
	 * @param fields the fields to send
	 * @param file the file's bytes
	 * @return S3's answer
	 */
	public static HttpResponse<String> post(JsonNode form, Map<String, String> fields, byte[] file)
			throws IOException, InterruptedException {
		String boundary = "----presign" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (Map.Entry<String, String> field : fields.entrySet()) {
			body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
					+ field.getValue() + "\r\n")
				.getBytes(StandardCharsets.UTF_8));
		}
		body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo.png\"\r\n"
				+ "Content-Type: application/octet-stream\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.write(file);
		body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return HTTP.send(HttpRequest.newBuilder(URI.create(form.get("url").asString()))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
