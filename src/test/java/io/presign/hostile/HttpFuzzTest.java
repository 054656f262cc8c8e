package io.presign.hostile;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import io.presign.support.ApiClient;
import io.presign.support.IntegrationTest;
import io.presign.support.TestJwtIssuer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated requests, well-formed or not, to every endpoint over real HTTP, by callers of
 * every kind: the service never answers 5xx, every refusal is a problem document with a
 * stable type, and every URL it issues is for a key under the caller's own prefixes.
 * Seeded, so a failure replays exactly.
 *
 * <p>
 * A small run is part of every build. A long one:
 * {@code ./mvnw test -Dtest=HttpFuzzTest -Dfuzz.requests=100000 -Dfuzz.seed=7}.
 */
class HttpFuzzTest extends IntegrationTest {

	private static final String[] FRAGMENTS = { "a", "b.txt", "/", "//", ".", "..", "\\", "\u0000", "\n", "\r\n", "é",
			"e\u0301", "%2F", "%2e%2e", "users", "bob", "alice", "svc-a", " ", "\"", "{", "\ud800", "\u202e", "\uff0f",
			"\uff0e\uff0e", "\u2024", "\u200b", "\ufeff", "~", "+", "${filename}", "*", "?", "#", "&", "=" };

	private static final String[] PROFILES = { "files", "reports", "tenants", "generated", "limited", "large",
			"small-multipart", "limited-multipart", "encrypted", "nope", "", "FILES", "files ", "../files" };

	private static final String[] CONTENT_TYPES = { "text/plain", "image/png", "image/*", "application/octet-stream",
			"text/html", "x", "", "text/plain; charset=utf-8", "text/plain\r\nX-Evil: 1", "*/*", "application/pdf" };

	private static final String[] NUMBERS = { "0", "1", "-1", "3", "1024", "1048576", "1048577", "5242880", "6291456",
			"67108864", "9223372036854775807", "-9223372036854775808", "1e3", "1.5", "\"10\"", "null", "true", "[]",
			"99999999999999999999", "300", "3600", "3601", "604801" };

	/**
	 * Who calls, with the key prefixes its URLs may use; everything else is someone
	 * else's.
	 */
	private static final List<Caller> CALLERS = List.of(
			new Caller(ApiClient.apiKey(ALICE_KEY), List.of("users/alice/", "uploads/alice/", "reports/")),
			new Caller(ApiClient.apiKey(BOB_KEY), List.of("users/bob/", "uploads/bob/")),
			new Caller(ApiClient.apiKey(CAROL_KEY), List.of()),
			new Caller(ApiClient.apiKey("svc-a-key"), List.of("tenants/acme/svc-a/", "users/svc-a/", "uploads/svc-a/")),
			new Caller(ApiClient.apiKey("ops-key"), List.of("_presign-canary/")), new Caller(Map.of(), List.of()),
			new Caller(ApiClient.apiKey("wrong-key"), List.of()));

	private static final String[] PATHS = { "/v1/downloads", "/v1/uploads", "/v1/downloads/batch", "/v1/form-uploads",
			"/v1/multipart-uploads", "/v1/multipart-uploads/{id}/parts", "/v1/multipart-uploads/{id}/complete" };

	private static final String[] PUBLIC_PATHS = { "/error", "/v3/api-docs", "/swagger-ui/index.html", "/v1/profiles",
			"/v1/multipart-uploads/u1?profile=large&fullKey=users/alice/x", "/v1/downloads" };

	private static final String[] FORM_TYPES = { "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
			"text/plain", "application/json", "application/json; charset=nope", "application/xml" };

	@Test
	void noGeneratedRequestYieldsA5xxOrAForeignKey() {
		long seed = Long.getLong("fuzz.seed", 20261128L);
		int requests = Integer.getInteger("fuzz.requests", 1500);
		SplittableRandom random = new SplittableRandom(seed);
		Map<Integer, Integer> statuses = new TreeMap<>();
		List<Caller> callers = new ArrayList<>(CALLERS);
		callers.add(new Caller(ApiClient.bearer(TestJwtIssuer.shared().token("dave", "files reports docs:read")),
				List.of("users/dave/", "uploads/dave/", "reports/")));
		for (int i = 0; i < requests; i++) {
			Caller caller = callers.get(random.nextInt(callers.size()));
			HttpRequest request = this.api.at(request(random, caller));
			ApiClient.Response response = this.api.send(request);
			String described = "request " + i + " of seed " + seed + ": " + request.method() + " " + request.uri()
					+ " -> " + response.status() + " " + abbreviated(response.text());
			statuses.merge(response.status(), 1, Integer::sum);
			assertThat(response.status()).as(described).isLessThan(500);
			if (response.status() >= 400) {
				assertThat(response.contentType()).as(described).startsWith("application/problem+json");
				assertThat(response.json().get("type").asString()).as(described).startsWith("urn:presign:problem:");
			}
			else if (response.contentType().startsWith("application/json")) {
				for (JsonNode issued : response.json().findParents("url")) {
					if (!issued.get("url").isString()) {
						continue;
					}
					String url = issued.get("url").asString();
					// A form's URL is the bucket's; its key is in the fields.
					String key = issued.has("fields") ? issued.at("/fields/key").asString()
							: URLDecoder.decode(URI.create(url).getRawPath(), StandardCharsets.UTF_8)
								.substring(BUCKET.length() + 2);
					assertThat(caller.prefixes()).as(described)
						.anySatisfy((prefix) -> assertThat(key).startsWith(prefix));
				}
			}
		}
		System.out.printf("HttpFuzzTest: %d requests, seed %d, statuses %s%n", requests, seed, statuses);
		assertThat(statuses.getOrDefault(200, 0)).as("some generated requests are valid").isGreaterThan(requests / 20);
		assertThat(statuses.keySet()).as("refusals of several kinds").contains(400, 401, 403);
	}

	private static HttpRequest.Builder request(SplittableRandom random, Caller caller) {
		String path = PATHS[random.nextInt(PATHS.length)].replace("{id}", uploadId(random));
		HttpRequest.Builder request;
		int shape = random.nextInt(20);
		if (shape == 0) {
			// The upload named in full, or below the caller's prefix.
			boolean full = random.nextBoolean();
			String key = full ? "users/alice/" + randomKey(random) : randomKey(random);
			request = HttpRequest
				.newBuilder(URI.create("http://x/v1/multipart-uploads/" + uploadId(random) + "/parts?profile="
						+ encodeLoosely(pick(random, PROFILES)) + (full ? "&fullKey=" : "&key=") + encodeLoosely(key)))
				.GET();
		}
		else if (shape == 1) {
			request = HttpRequest.newBuilder(URI.create("http://x/v1/multipart-uploads/" + uploadId(random)
					+ "?profile=large&key=" + encodeLoosely(randomKey(random))))
				.DELETE();
		}
		else if (shape == 2) {
			request = HttpRequest
				.newBuilder(URI.create("http://x/v1/"
						+ (random.nextBoolean() ? "profiles" : "diagnostics/" + encodeLoosely(pick(random, PROFILES)))))
				.GET();
		}
		else if (shape == 3) {
			// Form bodies and odd methods, also on public paths, where nothing has
			// authenticated the caller.
			String body = (random.nextInt(20) == 0) ? "a=" + "b".repeat(300_000) : randomKey(random);
			request = HttpRequest.newBuilder(URI.create("http://x" + pick(random, PUBLIC_PATHS)))
				.header("Content-Type", pick(random, FORM_TYPES))
				.method(pick(random, new String[] { "POST", "PUT", "PATCH", "DELETE" }),
						HttpRequest.BodyPublishers.ofString(body));
		}
		else {
			request = HttpRequest.newBuilder(URI.create("http://x" + path))
				.header("Content-Type",
						(random.nextInt(30) == 0) ? pick(random, CONTENT_TYPES).replaceAll("[\r\n]", "")
								: "application/json")
				.POST(HttpRequest.BodyPublishers
					.ofString((random.nextInt(5) < 2) ? nearlyValid(random, path) : body(random)));
		}
		caller.headers().forEach(request::header);
		return request;
	}

	/** A valid body for the path, with at most one field made hostile. */
	private static String nearlyValid(SplittableRandom random, String path) {
		Map<String, String> fields = new java.util.LinkedHashMap<>();
		fields.put("profile", json(path.contains("multipart") ? "large" : "files"));
		fields.put("key", json(path.contains("/parts") || path.contains("/complete") ? "users/alice/big.bin"
				: "dir/" + random.nextInt(1000) + ".txt"));
		if (path.endsWith("/batch")) {
			fields.remove("key");
			fields.put("keys", "[\"a.txt\",\"b/c.txt\"]");
		}
		if (path.endsWith("/uploads") || path.endsWith("/form-uploads") || path.endsWith("/multipart-uploads")) {
			fields.put("contentType", json("text/plain"));
		}
		if (path.endsWith("/uploads") || path.contains("multipart")) {
			fields.put("contentLength", path.contains("multipart") ? "12582912" : "3");
		}
		if (path.endsWith("/parts")) {
			fields.put("partNumbers", "[1,2]");
		}
		if (path.endsWith("/complete")) {
			fields.put("parts", "[{\"partNumber\":1,\"etag\":\"x\"}]");
		}
		if (random.nextBoolean()) {
			List<String> names = new ArrayList<>(fields.keySet());
			String name = names.get(random.nextInt(names.size()));
			fields.put(name, random.nextBoolean() ? json(randomKey(random)) : pick(random, NUMBERS));
		}
		StringBuilder body = new StringBuilder("{");
		fields.forEach((name,
				value) -> body.append(body.length() > 1 ? "," : "").append(json(name)).append(':').append(value));
		return body.append('}').toString();
	}

	private static String body(SplittableRandom random) {
		if (random.nextInt(15) == 0) {
			return pick(random, new String[] { "{\"profile\":", "[1]", "null", "", "{}", "{\"profile\":\"files\"}" });
		}
		List<String> fields = new ArrayList<>();
		fields.add("\"profile\":" + json(pick(random, PROFILES)));
		if (random.nextInt(3) > 0) {
			fields.add(random.nextBoolean() ? "\"key\":" + json(randomKey(random))
					: "\"fullKey\":" + json(pick(random,
							new String[] { "users/alice/", "users/bob/", "reports/", "tenants/acme/svc-a/", "" })
							+ randomKey(random)));
		}
		if (random.nextInt(4) == 0) {
			fields.add("\"keys\":[" + json(randomKey(random)) + "," + json(randomKey(random)) + "]");
		}
		if (random.nextInt(6) == 0) {
			fields.add("\"fullKeys\":[" + json("users/alice/" + randomKey(random)) + "]");
		}
		if (random.nextInt(6) == 0) {
			fields.add("\"keyPrefix\":" + json(randomKey(random) + (random.nextBoolean() ? "/" : "")));
		}
		fields.add("\"contentType\":" + json(pick(random, CONTENT_TYPES)));
		fields.add("\"contentLength\":" + pick(random, NUMBERS));
		optional(random, fields, "\"maxContentLength\":" + pick(random, NUMBERS));
		optional(random, fields, "\"expiresInSeconds\":" + pick(random, NUMBERS));
		optional(random, fields, "\"filename\":" + json(randomKey(random)));
		optional(random, fields, "\"disposition\":" + json(pick(random, new String[] { "inline", "attachment", "x" })));
		optional(random, fields, "\"partNumbers\":[" + pick(random, NUMBERS) + "," + random.nextInt(4) + "]");
		optional(random, fields,
				"\"parts\":[{\"partNumber\":" + pick(random, NUMBERS) + ",\"etag\":" + json(randomKey(random)) + "}]");
		optional(random, fields, "\"checksumSha256\":" + json(randomKey(random)));
		return "{" + String.join(",", fields) + "}";
	}

	private static void optional(SplittableRandom random, List<String> fields, String field) {
		if (random.nextInt(4) == 0) {
			fields.add(field);
		}
	}

	private static String uploadId(SplittableRandom random) {
		return pick(random, new String[] { "u1", "abc-123", "..", "%2e%2e", "x%00", "%FF", "a b".replace(" ", "%20") });
	}

	private static String randomKey(SplittableRandom random) {
		StringBuilder key = new StringBuilder();
		int parts = random.nextInt(6);
		for (int i = 0; i < parts; i++) {
			key.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
		}
		if (random.nextInt(200) == 0) {
			key.append("k".repeat(1000 + random.nextInt(40)));
		}
		return key.toString();
	}

	/**
	 * Percent-encodes what a URI cannot hold and leaves the rest, %-sequences included,
	 * as sent.
	 */
	private static String encodeLoosely(String text) {
		StringBuilder encoded = new StringBuilder();
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xff;
			boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| "-._~/%".indexOf(c) >= 0;
			encoded.append(plain ? String.valueOf((char) c) : String.format("%%%02X", c));
		}
		return encoded.toString();
	}

	private static String pick(SplittableRandom random, String[] values) {
		return values[random.nextInt(values.length)];
	}

	/**
	 * JSON string quoting that keeps lone surrogates as escapes, so they reach the
	 * service as sent.
	 */
	private static String json(String text) {
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

	private static String abbreviated(String text) {
		return (text.length() > 300) ? text.substring(0, 300) + "…" : text;
	}

	private record Caller(Map<String, String> headers, List<String> prefixes) {
	}

}
