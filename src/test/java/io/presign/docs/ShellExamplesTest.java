package io.presign.docs;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.presign.support.DocExamples;
import io.presign.support.DocExamples.Example;
import io.presign.support.EmbeddedRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every shell example of README.md and docs/*.md runs as written, each in an empty
 * directory, against the embedded run ({@code http://localhost:8080} and
 * {@code http://localhost:8081} stand for its ports), and prints what its page shows. An
 * example that cannot (it needs AWS, a cluster or Maven) says why in its page; this test
 * reports it skipped with that reason. The examples need {@code curl} and {@code jq}:
 * without them they are skipped, and in CI ({@code CI=true}) they fail.
 */
class ShellExamplesTest {

	private static final DocExamples.Report REPORT = new DocExamples.Report("shell");

	private static final List<String> TOOLS = List.of("curl", "jq");

	private static EmbeddedRun run;

	@BeforeAll
	static void start() {
		run = EmbeddedRun.start();
	}

	@AfterAll
	static void stop() {
		run.close();
	}

	@TestFactory
	Stream<DynamicTest> everyShellExampleRunsAsWritten() {
		return DocExamples.all()
			.stream()
			.filter((example) -> List.of("bash", "sh").contains(example.language()))
			.map((example) -> DynamicTest.dynamicTest(example.toString(), () -> check(example)));
	}

	private static void check(Example example) throws Exception {
		if (example.notRun() != null) {
			REPORT.add(example, "skipped: " + example.notRun());
			Assumptions.abort("not run: " + example.notRun());
		}
		if (!example.code().contains("http://localhost:8080") && !example.code().contains("http://localhost:8081")) {
			fail(example + " neither talks to the embedded run nor says why not (<!-- not run: reason -->)");
		}
		for (String tool : TOOLS) {
			requireTool(tool);
		}
		Path dir = Files.createTempDirectory("doc-example");
		String script = example.code()
			.replace("http://localhost:8080", run.base())
			.replace("http://localhost:8081", run.management());
		Process shell = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).directory(dir.toFile())
			.redirectErrorStream(true)
			.start();
		if (!shell.waitFor(120, TimeUnit.SECONDS)) {
			shell.destroyForcibly();
			fail(example + " still runs after 120 s");
		}
		String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(shell.exitValue()).as(example + " exits 0; it printed:\n" + output).isZero();
		if (example.output() != null) {
			assertThat(DocExamples.matches(example.output(), output))
				.as("%s prints what its page shows.%nThe page:%n%s%nPrinted:%n%s", example, example.output(), output)
				.isTrue();
		}
		REPORT.add(example, example.output() != null ? "ran, output checked" : "ran");
	}

	private static void requireTool(String tool) {
		boolean found = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
			.anyMatch((dir) -> Files.isExecutable(Path.of(dir, tool)));
		if (!found && "true".equals(System.getenv("CI"))) {
			fail("In CI the docs' examples must run: " + tool + " is missing (.ci/run installs it)");
		}
		Assumptions.assumeTrue(found, tool + " is not installed; the docs' examples need it");
	}

}
