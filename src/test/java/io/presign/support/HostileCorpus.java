package io.presign.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jwt.JWTClaimsSet;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hostile corpus ({@code src/test/resources/hostile/corpus.json}) and how to send its
 * cases to the running service.
 *
 * <p>
 * A body is text with two macros: {@code {{repeat N TEXT}}} repeats TEXT (where
 * {@code RBRACE} stands for a closing brace and {@code SP} for a space) and
 * {@code {{bytes HEX}}} inserts raw bytes, for what no JSON string can carry.
 */
public final class HostileCorpus {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern MACRO = Pattern.compile("\\{\\{(repeat|bytes) (\\d+|[0-9a-f]+)(?: ([^}]*))?}}");

	private final ApiClient api;

	/**
	 * @param api a client of the running service
	 */
	public HostileCorpus(ApiClient api) {
		this.api = api;
	}

	/**
	 * @return every case of the corpus
	 */
	public static List<JsonNode> cases() {
		try (InputStream in = HostileCorpus.class.getResourceAsStream("/hostile/corpus.json")) {
			return JSON.readTree(in).get("cases").valueStream().toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Send a case as it describes.
	 * @param c the case
	 * @return the service's answer
	 */
	public Answer send(JsonNode c) {
		try {
			return c.path("expectContinue").asBoolean(false) ? expectingContinue(c)
					: Answer.of(this.api.send(request(c)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private HttpRequest request(JsonNode c) {
		String path = c.get("path").asString();
		HttpRequest.Builder request = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1/").resolve(path));
		byte[] body = body(c);
		String method = c.path("method").asString("POST");
		if (body == null) {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		else if (c.path("chunked").asBoolean(false)) {
			request.method(method, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
		}
		JsonNode contentType = c.get("contentType");
		if (contentType == null && body != null) {
			request.header("Content-Type", "application/json");
		}
		else if (contentType != null && !contentType.isNull()) {
			request.header("Content-Type", contentType.asString());
		}
		c.path("headers")
			.properties()
			.forEach((header) -> request.header(header.getKey(), header.getValue().asString()));
		auth(c.get("auth")).forEach(request::header);
		return this.api.at(request);
	}

	/**
	 * Sends the headers with {@code Expect: 100-continue} and the body only if the server
	 * asks for it, as curl does for large bodies. A raw socket, since the JDK 17 client
	 * waits forever when the answer to such a request is not 100 (JDK-8286171).
	 */
	private Answer expectingContinue(JsonNode c) throws IOException {
		byte[] body = body(c);
		try (Socket socket = new Socket("127.0.0.1", this.api.port())) {
			socket.setSoTimeout(10_000);
			String head = "POST " + c.get("path").asString() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
					+ "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n"
					+ "Expect: 100-continue\r\nConnection: close\r\n"
					+ String.join("",
							auth(c.get("auth")).entrySet()
								.stream()
								.map((header) -> header.getKey() + ": " + header.getValue() + "\r\n")
								.toList())
					+ "\r\n";
			socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().flush();
			InputStream in = socket.getInputStream();
			String statusLine = readLine(in);
			if (statusLine.contains(" 100 ")) {
				throw new AssertionError("the server asked for a body it is bound to refuse");
			}
			String contentType = "";
			boolean chunked = false;
			for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
				String name = line.substring(0, line.indexOf(':')).trim();
				String value = line.substring(line.indexOf(':') + 1).trim();
				contentType = name.equalsIgnoreCase("Content-Type") ? value : contentType;
				chunked |= name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked");
			}
			ByteArrayOutputStream content = new ByteArrayOutputStream();
			if (chunked) {
				for (int size = Integer.parseInt(readLine(in).trim(), 16); size > 0; size = Integer
					.parseInt(readLine(in).trim(), 16)) {
					content.writeBytes(in.readNBytes(size));
					readLine(in);
				}
			}
			else {
				content.writeBytes(in.readAllBytes());
			}
			return new Answer(Integer.parseInt(statusLine.split(" ")[1]), contentType, content.toByteArray());
		}
	}

	private static String readLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
			if (b != '\r') {
				line.append((char) b);
			}
		}
		return line.toString();
	}

	private static byte[] body(JsonNode c) {
		if (c.has("json")) {
			return JSON.writeValueAsBytes(c.get("json"));
		}
		if (!c.has("body")) {
			return null;
		}
		String text = c.get("body").asString();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Matcher macro = MACRO.matcher(text);
		int last = 0;
		while (macro.find()) {
			out.writeBytes(text.substring(last, macro.start()).getBytes(StandardCharsets.UTF_8));
			if (macro.group(1).equals("repeat")) {
				String unit = macro.group(3).replace("RBRACE", "}").replace("SP", " ");
				out.writeBytes(unit.repeat(Integer.parseInt(macro.group(2))).getBytes(StandardCharsets.UTF_8));
			}
			else {
				out.writeBytes(HexFormat.of().parseHex(macro.group(2)));
			}
			last = macro.end();
		}
		out.writeBytes(text.substring(last).getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

	/**
	 * {@code "alice"}: her API key; {@code {"jwt": {claims}, "without": [names]}}: a
	 * token from the trusted issuer with the usual claims, the given ones set, the named
	 * ones removed.
	 */
	private static Map<String, String> auth(JsonNode auth) {
		if (auth == null || auth.isNull()) {
			return Map.of();
		}
		if (auth.isString()) {
			return ApiClient.apiKey(auth.asString() + "-key");
		}
		JWTClaimsSet.Builder claims = TestJwtIssuer.shared().claims("dave", "files");
		auth.get("jwt").properties().forEach((claim) -> claims.claim(claim.getKey(), claimValue(claim.getValue())));
		auth.path("without").forEach((claim) -> claims.claim(claim.asString(), null));
		return ApiClient.bearer(TestJwtIssuer.shared().sign(claims.build()));
	}

	private static Object claimValue(JsonNode value) {
		if (value.isIntegralNumber()) {
			return new BigInteger(value.asString());
		}
		if (value.isNumber()) {
			return value.asDouble();
		}
		if (value.isBoolean()) {
			return value.asBoolean();
		}
		return value.asString();
	}

	/**
	 * An answer of the service.
	 *
	 * @param status the status code
	 * @param contentType the Content-Type, or empty
	 * @param body the body
	 */
	public record Answer(int status, String contentType, byte[] body) {

		static Answer of(ApiClient.Response response) {
			return new Answer(response.status(), response.contentType(), response.body());
		}

		/**
		 * @return the body as text
		 */
		public String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		/**
		 * @return the body parsed as JSON
		 */
		public JsonNode json() {
			return JSON.readTree(this.body);
		}

	}

}
