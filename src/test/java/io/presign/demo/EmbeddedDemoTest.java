package io.presign.demo;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.presign.PresignServiceApplication;
import io.presign.support.EmbeddedDemo;
import io.presign.support.EmbeddedS3Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The embedded default really works: the curl tour it prints, run by a shell, uploads a
 * file through an issued URL and reads it back.
 */
class EmbeddedDemoTest {

	@Test
	void printedCurlTourUploadsAndDownloads(@TempDir Path workDir) throws Exception {
		assumeTrue(new File("/usr/bin/curl").canExecute() || new File("/bin/curl").canExecute(),
				"the tour needs curl (.ci/run installs it)");
		try (EmbeddedS3Server s3 = EmbeddedS3Server.start(0).createBucket(EmbeddedDemo.BUCKET)) {
			String[] args = concat(EmbeddedDemo.arguments(s3), "--server.port=0");
			ConfigurableApplicationContext app = SpringApplication.from(PresignServiceApplication::main)
				.with(EmbeddedDemo.class)
				.withAdditionalProfiles("embedded")
				.run(args)
				.getApplicationContext();
			try {
				String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
				Process shell = new ProcessBuilder("bash", "-c", EmbeddedDemo.tour(base)).directory(workDir.toFile())
					.redirectErrorStream(true)
					.start();
				assertThat(shell.waitFor(60, TimeUnit.SECONDS)).isTrue();
				String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				assertThat(output).contains("\"key\":\"users/dev/hello.txt\"")
					.contains("PUT 200")
					.endsWith("hello, presigned world\n");
				assertThat(s3.exists(EmbeddedDemo.BUCKET, "users/dev/hello.txt")).isTrue();
				assertThat(Files.readString(workDir.resolve("hello.txt"))).isEqualTo("hello, presigned world\n");
			}
			finally {
				app.close();
			}
		}
	}

	private static String[] concat(String[] first, String... more) {
		String[] all = new String[first.length + more.length];
		System.arraycopy(first, 0, all, 0, first.length);
		System.arraycopy(more, 0, all, first.length, more.length);
		return all;
	}

}
