package io.presign.demo;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.presign.TestPresignServiceApplication;
import io.presign.support.EmbeddedDemo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The embedded default really works, as a newcomer sees it: started as its own process
 * (as {@code ./mvnw spring-boot:test-run} starts it), it prints which browser origins may
 * call it and the curl tour, and that tour, run by a shell, uploads a file through an
 * issued URL and reads it back.
 * <p>
 * Its own process, because what it prints depends on the logging it configures, and a
 * Spring application started inside the test JVM keeps the logging of the first one.
 */
class EmbeddedDemoTest {

	private static final Pattern RUNNING_ON = Pattern.compile("presign-service is running on (http://localhost:\\d+)");

	@Test
	void printedCurlTourUploadsAndDownloads(@TempDir Path workDir) throws Exception {
		assumeTrue(new File("/usr/bin/curl").canExecute() || new File("/bin/curl").canExecute(),
				"the tour needs curl (.ci/run installs it)");
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		Process run = new ProcessBuilder(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath,
						TestPresignServiceApplication.class.getName(), "--server.port=0", "--management.server.port=0"))
			.redirectErrorStream(true)
			.start();
		try {
			String printed = readUntilTheTour(run);
			assertThat(printed).as("it says which browser origins may call it")
				.contains("Browser apps on these origins may call it (presign.cors.allowed-origins): "
						+ "[http://localhost:[*], http://127.0.0.1:[*]]");
			Matcher base = RUNNING_ON.matcher(printed);
			assertThat(base.find()).as(printed).isTrue();
			Process shell = new ProcessBuilder("bash", "-c", EmbeddedDemo.tour(base.group(1)))
				.directory(workDir.toFile())
				.redirectErrorStream(true)
				.start();
			assertThat(shell.waitFor(60, TimeUnit.SECONDS)).isTrue();
			String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(output).contains("\"key\":\"users/dev/hello.txt\"")
				.contains("PUT 200")
				.endsWith("hello, presigned world\n");
			assertThat(Files.readString(workDir.resolve("hello.txt"))).isEqualTo("hello, presigned world\n");
		}
		finally {
			run.destroy();
			if (!run.waitFor(30, TimeUnit.SECONDS)) {
				run.destroyForcibly();
			}
		}
	}

	/**
	 * What the process printed up to the end of the curl tour (its last line reads the
	 * download URL).
	 */
	private static String readUntilTheTour(Process run) throws Exception {
		StringBuilder printed = new StringBuilder();
		BufferedReader lines = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8));
		boolean inTour = false;
		for (String line = lines.readLine(); line != null; line = lines.readLine()) {
			printed.append(line).append('\n');
			inTour |= line.startsWith("Try it (curl and sed only)");
			if (inTour && line.contains("\"$download\"")) {
				// What it logs later (audit events) must not fill the pipe and block it.
				Thread drain = new Thread(() -> lines.lines().forEach((ignored) -> {
				}));
				drain.setDaemon(true);
				drain.start();
				return printed.toString();
			}
		}
		throw new AssertionError("the embedded run ended before printing its tour:\n" + printed);
	}

}
