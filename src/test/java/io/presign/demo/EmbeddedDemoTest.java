package io.presign.demo;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.presign.support.EmbeddedDemo;
import io.presign.support.EmbeddedRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The embedded default really works: it says which browser origins may call it, and the
 * curl tour it prints, run by a shell, uploads a file through an issued URL and reads it
 * back.
 */
class EmbeddedDemoTest {

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void printedCurlTourUploadsAndDownloads(@TempDir Path workDir, CapturedOutput started) throws Exception {
		assumeTrue(new File("/usr/bin/curl").canExecute() || new File("/bin/curl").canExecute(),
				"the tour needs curl (.ci/run installs it)");
		try (EmbeddedRun run = EmbeddedRun.start()) {
			assertThat(started.getOut()).as("it says which browser origins may call it")
				.contains("Browser apps on these origins may call it (presign.cors.allowed-origins): "
						+ "[http://localhost:[*], http://127.0.0.1:[*]]");
			Process shell = new ProcessBuilder("bash", "-c", EmbeddedDemo.tour(run.base())).directory(workDir.toFile())
				.redirectErrorStream(true)
				.start();
			assertThat(shell.waitFor(60, TimeUnit.SECONDS)).isTrue();
			String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(output).contains("\"key\":\"users/dev/hello.txt\"")
				.contains("PUT 200")
				.endsWith("hello, presigned world\n");
			assertThat(run.s3().exists(EmbeddedDemo.BUCKET, "users/dev/hello.txt")).isTrue();
			assertThat(Files.readString(workDir.resolve("hello.txt"))).isEqualTo("hello, presigned world\n");
		}
	}

}
