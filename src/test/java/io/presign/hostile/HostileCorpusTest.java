package io.presign.hostile;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import io.presign.support.CloudFrontIntegrationTest;
import io.presign.support.HostileCorpus;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the hostile corpus ({@code src/test/resources/hostile/corpus.json}, see
 * {@link HostileCorpus}) over real HTTP: every finding of the hostile test and every
 * classic trick against key handling. Each case names the answer it must get; on top of
 * that, no case may get a 5xx, every refusal is a short problem document with a stable
 * type and the request id, and whatever is issued stays under the caller's prefix. The
 * service runs with CloudFront profiles besides the usual ones, for the cases only they
 * reach (an {@code ipRange} is refused on every other profile, well-formed or not).
 */
class HostileCorpusTest extends CloudFrontIntegrationTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String PROBLEM_TYPE = "urn:presign:problem:";

	@TestFactory
	Stream<DynamicTest> everyCaseGetsItsStableAnswer() {
		List<JsonNode> cases = HostileCorpus.cases();
		assertThat(cases).hasSizeGreaterThan(80);
		return cases.stream().map((c) -> DynamicTest.dynamicTest(c.get("name").asString(), () -> run(c)));
	}

	private void run(JsonNode c) {
		HostileCorpus.Answer response = new HostileCorpus(this.api).send(c);
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
				List<String> codes = body.get("items")
					.valueStream()
					.map((item) -> item.at("/error/code"))
					.map((code) -> code.isMissingNode() || code.isNull() ? null : code.asString())
					.toList();
				assertThat(codes).as(described).isEqualTo(JSON.convertValue(expect.get("items"), List.class));
			}
			assertThat(body.findValues("url")).as(described).allSatisfy((url) -> {
				if (url.isString()) {
					String path = URLDecoder.decode(URI.create(url.asString()).getRawPath(), StandardCharsets.UTF_8);
					assertThat(path).startsWith("/" + BUCKET + "/" + prefix);
				}
			});
		}
	}

	private static String abbreviated(String text) {
		return (text.length() > 300) ? text.substring(0, 300) + "…" : text;
	}

}
