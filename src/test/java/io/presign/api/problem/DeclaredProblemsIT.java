package io.presign.api.problem;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.presign.support.ObservedProblems;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every problem answer the tests saw an endpoint give (the hostile corpus, the fuzz run,
 * the round trips and every other test that ran the service, recorded by
 * {@link ObservedProblems}) is declared for that endpoint in the API description the
 * service served ({@code target/openapi.json}): its status, with the code among that
 * status's examples. Runs after the unit tests, which record both files.
 */
class DeclaredProblemsIT {

	@Test
	void everyObservedProblemIsDeclaredForItsEndpoint() throws Exception {
		Path description = Path.of("target", "openapi.json");
		assertThat(description).as("the description the tests served; run the unit tests first").exists();
		JsonNode paths = JsonMapper.builder().build().readTree(Files.readString(description)).get("paths");
		List<String> observed = ObservedProblems.lines();
		Set<String> checked = new TreeSet<>();
		List<String> undeclared = new ArrayList<>();
		for (String line : observed) {
			String[] fields = line.split("\t");
			String method = fields[0].toLowerCase(Locale.ROOT);
			String template = template(paths, fields[1]);
			if (template == null || paths.get(template).get(method) == null) {
				// No endpoint: a path or method the API does not have, answered 404 or
				// 405 by the framework.
				continue;
			}
			String endpoint = fields[0] + " " + template;
			JsonNode examples = paths.get(template)
				.get(method)
				.path("responses")
				.path(fields[2])
				.at("/content/application~1problem+json/examples");
			if (!examples.has(fields[3])) {
				undeclared.add(endpoint + " answered " + fields[2] + " " + fields[3]);
			}
			checked.add(endpoint + " " + fields[2] + " " + fields[3]);
		}
		assertThat(undeclared).as("answers the API description does not declare for their endpoint").isEmpty();
		// The corpus and the fuzz run alone give well over this many; fewer means the
		// recording broke.
		assertThat(checked).as("distinct (endpoint, status, code) seen").hasSizeGreaterThan(60);
	}

	/**
	 * @return the description's path template that a request path matches, such as
	 * {@code /v1/multipart-uploads/{uploadId}/parts}
	 */
	private static String template(JsonNode paths, String path) {
		for (String template : paths.propertyNames()) {
			String regex = Pattern.quote(template).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
			if (path.matches(regex)) {
				return template;
			}
		}
		return null;
	}

}
