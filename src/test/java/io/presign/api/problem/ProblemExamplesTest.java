package io.presign.api.problem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.presign.policy.Rule;
import io.presign.support.HostileCorpus;
import io.presign.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every problem example in the API description looks like a real answer: replaying the
 * hostile corpus yields, for each documented code, a real problem document with the same
 * type, title, status and code and the same members. The codes that only a failing
 * dependency or a spent rate limit can produce are named here; the fault and rate-limit
 * tests produce those. The errors page of the documentation names every refusal.
 */
class ProblemExamplesTest extends IntegrationTest {

	private static final Set<String> NEED_A_FAULT = Set.of("rate-limited", "signing-unavailable",
			"signing-credentials-expiring", "identity-provider-unavailable", "upload-rejected", "revocation-failed",
			"rate-limit-unavailable");

	@Test
	void everyDocumentedExampleMatchesARealAnswer() {
		Map<String, JsonNode> documented = documentedExamples();
		Map<String, List<JsonNode>> real = realProblems();
		Set<String> compared = new TreeSet<>();
		documented.forEach((code, example) -> {
			if (NEED_A_FAULT.contains(code)) {
				return;
			}
			assertThat(real).as("a corpus case answers " + code).containsKey(code);
			JsonNode answer = real.get(code)
				.stream()
				.filter((candidate) -> members(candidate).equals(members(example)))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no real " + code + " has the members " + members(example)
						+ "; real ones have " + real.get(code).stream().map(ProblemExamplesTest::members).toList()));
			for (String member : new String[] { "type", "title", "status", "code" }) {
				assertThat(answer.get(member)).as(code + " " + member).isEqualTo(example.get(member));
			}
			compared.add(code);
		});
		assertThat(compared).hasSizeGreaterThan(15);
	}

	@Test
	void everyRefusalHasAnExample() {
		// A code without one would make the API description itself fail.
		for (ProblemType type : ProblemType.all()) {
			assertThat(ProblemExamples.of(type.code()).detail()).as(type.code()).isNotBlank();
		}
		assertThat(ProblemType.all()).extracting(ProblemType::code).doesNotHaveDuplicates();
		assertThat(ProblemType.all()).extracting(ProblemType::code)
			.containsAll(java.util.Arrays.stream(Rule.values()).map(Rule::code).toList());
	}

	@Test
	void theErrorsPageNamesEveryRefusal() throws Exception {
		String page = Files.readString(Path.of("docs", "api.md"));
		String table = page.substring(page.indexOf("## Errors"));
		for (ProblemType type : ProblemType.all()) {
			assertThat(table).as(type.code()).contains("`" + type.code() + "`");
		}
	}

	/** One example per code, from every operation's problem responses. */
	private Map<String, JsonNode> documentedExamples() {
		JsonNode paths = this.api.get("/v3/api-docs", Map.of()).json().get("paths");
		Map<String, JsonNode> examples = new HashMap<>();
		paths.forEach((path) -> path.forEach((operation) -> operation.path("responses")
			.forEach((response) -> response.at("/content/application~1problem+json/examples")
				.properties()
				.forEach((example) -> examples.put(example.getKey(), example.getValue().get("value"))))));
		assertThat(examples).isNotEmpty();
		return examples;
	}

	private Map<String, List<JsonNode>> realProblems() {
		HostileCorpus corpus = new HostileCorpus(this.api);
		Map<String, List<JsonNode>> byCode = new HashMap<>();
		for (JsonNode c : HostileCorpus.cases()) {
			HostileCorpus.Answer answer = corpus.send(c);
			if (answer.contentType().startsWith("application/problem+json")) {
				JsonNode problem = answer.json();
				byCode.computeIfAbsent(problem.get("code").asString(), (code) -> new java.util.ArrayList<>())
					.add(problem);
			}
		}
		return byCode;
	}

	private static Set<String> members(JsonNode problem) {
		Set<String> names = new HashSet<>(problem.propertyNames());
		// Validation failures list every field at fault besides the first; a documented
		// example need not.
		names.remove("errors");
		return names;
	}

}
