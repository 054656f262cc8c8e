package io.presign.demo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.presign.TestPresignServiceApplication;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A configuration mistake in the embedded run ({@code ./mvnw spring-boot:test-run}) ends
 * the process with a non-zero status and the failure analysis, instead of leaving it
 * running on the embedded S3 server's threads and the command hanging.
 */
class EmbeddedRunFailureTest {

	@Test
	void aMistakeEndsTheProcessWithTheAnalysis() throws Exception {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		Process run = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", classPath, TestPresignServiceApplication.class.getName(), "--server.port=0",
				"--management.server.port=0", "--presign.profiles.demo.max-contnet-length=1MB"))
			.redirectErrorStream(true)
			.start();
		if (!run.waitFor(120, TimeUnit.SECONDS)) {
			run.destroyForcibly();
			fail("the embedded run still runs 120 s after a failed start");
		}
		String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(run.exitValue()).as(output).isEqualTo(1);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("presign.profiles.demo.max-contnet-length")
			.contains("did you mean 'presign.profiles.demo.max-content-length'");
	}

}
