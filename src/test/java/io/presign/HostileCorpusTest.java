package io.presign;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the hostile corpus ({@code src/test/resources/hostile/corpus.json}) over real HTTP: every finding of
 * the hostile test and every classic trick against key handling. Each case names the answer it must get; on
 * top of that, no case may get a 5xx, every refusal is a short problem document with a stable type and the
 * request id, and whatever is issued stays under the caller's prefix.
 *
 * <p>
 * A body is text with two macros: {@code {{repeat N TEXT}}} repeats TEXT (where {@code RBRACE} stands for a
 * closing brace and {@code SP} for a space) and {@code {{bytes HEX}}} inserts raw bytes, for what no JSON string can carry.
 */
class HostileCorpusTest extends IntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Pattern MACRO = Pattern.compile("\\{\\{(repeat|bytes) (\\d+|[0-9a-f]+)(?: ([^}]*))?}}");

	private static final String PROBLEM_TYPE = "urn:presign:problem:";

	@TestFactory
	Stream<DynamicTest> everyCaseGetsItsStableAnswer() throws IOException {
		JsonNode corpus;
		try (InputStream in = getClass().getResourceAsStream("/hostile/corpus.json")) {
			corpus = JSON.readTree(in);
		}
		assertThat(corpus.get("cases").size()).isGreaterThan(80);
		return corpus.get("cases").valueStream().map((c) -> DynamicTest.dynamicTest(c.get("name").asString(), () -> run(c)));
	}

	private void run(JsonNode c) throws IOException {
		Answer response = c.path("expectContinue").asBoolean(false) ? expectingContinue(c)
				: Answer.of(this.api.send(request(c)));
		JsonNode expect = c.get("expect");
		String described = c.get("name").asString() + " -> " + response.status() + " " + abbreviated(response.text());
		assertThat(response.status()).as(described).isLessThan(500).isEqualTo(expect.get("status").asInt());
		if (response.status() >= 400) {
			assertThat(response.contentType()).as(described).startsWith("application/problem+json");
			assertThat(response.body().length).as("refusals echo nothing long: " + described).isLessThan(4096);
			JsonNode problem = response.json();
			assertThat(problem.get("type").asString()).as(described).startsWith(PROBLEM_TYPE);
			assertThat(problem.get("requestId").asString()).as(described).isNotBlank();
			if (expect.has("code")) {
				assertThat(problem.get("code").asString()).as(described).isEqualTo(expect.get("code").asString());
				assertThat(problem.get("type").asString()).isEqualTo(PROBLEM_TYPE + expect.get("code").asString());
			}
			if (expect.has("field")) {
				assertThat(problem.path("field").asString()).as(described).isEqualTo(expect.get("field").asString());
			}
		}
		else if (response.contentType().startsWith("application/json")) {
			String prefix = expect.get("prefix").asString();
			JsonNode body = response.json();
			if (body.has("key")) {
				assertThat(body.get("key").asString()).as(described).startsWith(prefix);
			}
			if (expect.has("items")) {
				List<String> codes = body.get("items").valueStream().map((item) -> item.at("/error/code"))
					.map((code) -> code.isMissingNode() || code.isNull() ? null : code.asString())
					.toList();
				assertThat(codes).as(described).isEqualTo(JSON.convertValue(expect.get("items"), List.class));
			}
			assertThat(body.findValues("url")).as(described).allSatisfy((url) -> {
				if (url.isString()) {
					String path = URLDecoder.decode(java.net.URI.create(url.asString()).getRawPath(), StandardCharsets.UTF_8);
					assertThat(path).startsWith("/" + BUCKET + "/" + prefix);
				}
			});
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
		c.path("headers").properties().forEach((header) -> request.header(header.getKey(), header.getValue().asString()));
		auth(c.get("auth")).forEach(request::header);
		return this.api.at(request);
	}

	/**
	 * Sends the headers with {@code Expect: 100-continue} and the body only if the server asks for it, as
	 * curl does for large bodies. A raw socket, since the JDK 17 client waits forever when the answer to such
	 * a request is not 100 (JDK-8286171).
	 */
	private Answer expectingContinue(JsonNode c) throws IOException {
		byte[] body = body(c);
		try (Socket socket = new Socket("127.0.0.1", this.api.port())) {
			socket.setSoTimeout(10_000);
			String head = "POST " + c.get("path").asString() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
					+ "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n"
					+ "Expect: 100-continue\r\nConnection: close\r\n"
					+ String.join("", auth(c.get("auth")).entrySet().stream()
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
	 * {@code "alice"}: her API key; {@code {"jwt": {claims}, "without": [names]}}: a token from the trusted
	 * issuer with the usual claims, the given ones set, the named ones removed.
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

	private record Answer(int status, String contentType, byte[] body) {

		static Answer of(ApiClient.Response response) {
			return new Answer(response.status(), response.contentType(), response.body());
		}

		String text() {
			return new String(this.body, StandardCharsets.UTF_8);
		}

		JsonNode json() {
			return JSON.readTree(this.body);
		}

	}

	private static String abbreviated(String text) {
		return (text.length() > 300) ? text.substring(0, 300) + "…" : text;
	}

}
