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
	void buildsWithTheWrapperInOneStageAndRunsOnAJre25OrNewerInAnother() {
		assertThat(instructions("FROM")).hasSize(2);
		assertThat(this.dockerfile).contains("./mvnw");
		Matcher runtime = Pattern.compile("ARG RUNTIME_IMAGE=eclipse-temurin:(\\d+)-jre").matcher(this.dockerfile);
		assertThat(runtime.find()).isTrue();
		assertThat(Integer.parseInt(runtime.group(1))).as("the AOT cache's one-step training run")
			.isGreaterThanOrEqualTo(25);
	}

	@Test
	void copiesSpringBootLayersFromLeastToMostOftenChanged() {
		List<String> copies = instructions("COPY").stream().filter((line) -> line.contains("/layers/")).toList();
		assertThat(copies).extracting((line) -> line.replaceAll(".*/layers/([a-z-]+)/.*", "$1"))
			.containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
		// Without the launcher: a plain application.jar naming lib/*.jar, which the AOT
		// cache and CDS need.
		assertThat(this.dockerfile).contains("-Djarmode=tools")
			.contains("extract --layers --destination")
			.doesNotContain("--launcher");
	}

	/**
	 * Spring Boot's training run at image build, for the JVM the runtime image has: an
	 * AOT cache on Java 24+ (one step on 25+), a CDS archive on 17-23; the entry point
	 * reads whichever the argument file names, with the training run's options (a
	 * different native-access setting would disable the cache's module graph).
	 */
	@Test
	void startsFromTheTrainingRunsCache() {
		assertThat(this.dockerfile).contains("train() { java --enable-native-access=ALL-UNNAMED")
			.contains("-Dspring.context.exit=onRefresh \"$@\" -jar application.jar")
			.contains("train -XX:AOTCacheOutput=app.aot")
			.contains("train -XX:AOTMode=record")
			.contains("train -XX:ArchiveClassesAtExit=app.jsa")
			.contains("echo \"-XX:AOTCache=app.aot\" > jvm.args")
			.contains("echo \"-XX:SharedArchiveFile=app.jsa\" > jvm.args");
		String entrypoint = instructions("ENTRYPOINT").get(0);
		assertThat(entrypoint).contains("\"@/app/jvm.args\"")
			.contains("\"--enable-native-access=ALL-UNNAMED\"")
			.endsWith("\"-jar\", \"application.jar\"]");
		// The training run's configuration reaches no network at image build.
		Matcher training = Pattern.compile("(?m)^ARG AOT_TRAINING_ARGS=\"(.*)\"$").matcher(this.dockerfile);
		assertThat(training.find()).isTrue();
		assertThat(training.group(1).split(" ")).contains("--presign.signing.region-check=off")
			.noneMatch((argument) -> argument.contains("endpoint=") || argument.contains("role.arn="));
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
		// G1 in small containers too (with the AOT cache, Serial let the heap grow to the
		// limit), by ergonomics,
		// so that an explicit collector in JAVA_TOOL_OPTIONS still starts rather than
		// conflicting.
		assertThat(instructions("ENTRYPOINT").get(0)).contains("\"-XX:+AlwaysActAsServerClassMachine\"")
			.doesNotContain("-XX:+Use");
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

	/**
	 * The instructions of that keyword, each with its continuation lines joined to it.
	 */
	private List<String> instructions(String keyword) {
		return this.dockerfile.replaceAll("\\\\\n\\s*", "")
			.lines()
			.filter((line) -> line.startsWith(keyword + " "))
			.toList();
	}

}
