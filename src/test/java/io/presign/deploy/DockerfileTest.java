package io.presign.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Dockerfile checklist that a generic linter (dockerfilelint, run by {@code .ci/run})
 * does not cover: what a platform team expects of a JVM service image.
 */
class DockerfileTest {

	private final List<String> lines = Files.readAllLines(Path.of("Dockerfile"));

	private final String dockerfile = String.join("\n", this.lines);

	DockerfileTest() throws IOException {
	}

	@Test
	void buildsWithTheWrapperInOneStageAndRunsOnAJre21OrNewerInAnother() {
		assertThat(instructions("FROM")).hasSize(2);
		assertThat(this.dockerfile).contains("./mvnw");
		Matcher runtime = Pattern.compile("ARG RUNTIME_IMAGE=eclipse-temurin:(\\d+)-jre").matcher(this.dockerfile);
		assertThat(runtime.find()).isTrue();
		assertThat(Integer.parseInt(runtime.group(1))).isGreaterThanOrEqualTo(21);
	}

	@Test
	void copiesSpringBootLayersFromLeastToMostOftenChanged() {
		List<String> copies = instructions("COPY").stream().filter((line) -> line.contains("/layers/")).toList();
		assertThat(copies).extracting((line) -> line.replaceAll(".*/layers/([a-z-]+)/.*", "$1"))
			.containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
		assertThat(this.dockerfile).contains("-Djarmode=tools").contains("extract --layers --launcher");
	}

	@Test
	void runsAsAFixedNonRootUid() {
		List<String> users = instructions("USER");
		assertThat(users).hasSize(1);
		assertThat(users.get(0)).matches("USER [1-9][0-9]{3,}:[1-9][0-9]{3,}");
	}

	@Test
	void respectsContainerMemoryAndShutsDownGracefully() {
		assertThat(this.dockerfile).contains("-XX:MaxRAMPercentage=").contains("-XX:+ExitOnOutOfMemoryError");
		List<String> entrypoint = instructions("ENTRYPOINT");
		assertThat(entrypoint).hasSize(1);
		assertThat(entrypoint.get(0)).as("exec form, so the JVM gets SIGTERM").startsWith("ENTRYPOINT [\"java\"");
		assertThat(this.lines).as("its 'Picked up' line is the log's first, and not JSON")
			.filteredOn((line) -> !line.startsWith("#"))
			.noneMatch((line) -> line.contains("JAVA_TOOL_OPTIONS"));
		assertThat(this.dockerfile).as("BuildKit would fetch a frontend image from a registry")
			.doesNotContain("# syntax=");
		assertThat(instructions("HEALTHCHECK")).as("Kubernetes probes instead").isEmpty();
	}

	@Test
	void buildContextLeavesOutBuildOutputAndHistory() throws IOException {
		List<String> ignore = Files.readAllLines(Path.of(".dockerignore"));
		assertThat(ignore).contains("*", "!src/main/", "!pom.xml").doesNotContain("!target/");
	}

	private List<String> instructions(String keyword) {
		return this.lines.stream().filter((line) -> line.startsWith(keyword + " ")).toList();
	}

}
