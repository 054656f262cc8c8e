package io.presign;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hundreds of generated request bodies over real HTTP, well-formed or not: the service never answers 5xx,
 * and every URL it does issue is for a key under the caller's prefix.
 */
class RandomRequestsTest extends IntegrationTest {

	private static final String[] FRAGMENTS = { "a", "b.txt", "/", "//", ".", "..", "\\", "\u0000", "\n", "é", "%2F",
			"users", "bob", "alice", " ", "\"", "{", "\ud800" };

	private static final String[] PATHS = { "/v1/downloads", "/v1/uploads", "/v1/downloads/batch" };

	@Test
	void noGeneratedRequestYieldsA5xxOrAForeignKey() {
		Random random = new Random(42);
		int issued = 0;
		for (int i = 0; i < 400; i++) {
			String path = PATHS[random.nextInt(PATHS.length)];
			String body = randomBody(random);
			ApiClient.Response response = this.api.post(path, body, ApiClient.apiKey(ALICE_KEY));
			assertThat(response.status()).as("%s %s -> %s", path, body, response.text()).isLessThan(500);
			if (response.status() == 200) {
				issued++;
				for (JsonNode key : response.json().findValues("key")) {
					if (key.isString() && key.asString().startsWith("users/")) {
						assertThat(key.asString()).startsWith("users/alice/");
					}
				}
			}
		}
		assertThat(issued).as("some generated requests are valid").isGreaterThan(20);
	}

	private static String randomBody(Random random) {
		if (random.nextInt(10) == 0) {
			return random.nextBoolean() ? "{\"profile\":" : "[" + random.nextInt();
		}
		String key = randomKey(random);
		List<String> fields = new ArrayList<>();
		fields.add("\"profile\":" + (random.nextInt(8) == 0 ? "\"nope\"" : "\"files\""));
		fields.add(random.nextBoolean() ? "\"key\":" + json(key) : "\"fullKey\":" + json("users/alice/" + key));
		fields.add("\"keys\":[" + json(key) + "," + json(randomKey(random)) + "]");
		fields.add("\"contentType\":" + (random.nextInt(6) == 0 ? "12" : json(random.nextBoolean() ? "text/plain" : "x")));
		fields.add("\"contentLength\":" + (random.nextInt(6) == 0 ? "\"ten\"" : Long.toString(random.nextInt(2_000_000) - 10)));
		if (random.nextBoolean()) {
			fields.add("\"expiresInSeconds\":" + (random.nextInt(8000) - 100));
		}
		if (random.nextInt(4) == 0) {
			fields.add("\"filename\":" + json(randomKey(random)));
		}
		return "{" + String.join(",", fields) + "}";
	}

	private static String randomKey(Random random) {
		StringBuilder key = new StringBuilder();
		int parts = random.nextInt(6);
		for (int i = 0; i < parts; i++) {
			key.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
		}
		return key.toString();
	}

	private static String json(String text) {
		return ApiClientJson.quote(text);
	}

	/**
	 * JSON string quoting that keeps lone surrogates as escapes, so they reach the service as sent.
	 */
	private static final class ApiClientJson {

		static String quote(String text) {
			StringBuilder quoted = new StringBuilder("\"");
			for (char c : text.toCharArray()) {
				if (c == '"' || c == '\\') {
					quoted.append('\\').append(c);
				}
				else if (c < 0x20 || Character.isSurrogate(c)) {
					quoted.append(String.format("\\u%04x", (int) c));
				}
				else {
					quoted.append(c);
				}
			}
			return quoted.append('"').toString();
		}

	}

}
