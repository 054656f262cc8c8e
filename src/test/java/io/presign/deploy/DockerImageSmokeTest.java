package io.presign.deploy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds the image and starts it, where a Docker daemon runs and the base images are
 * present locally (nothing is pulled): liveness answers on the management port, the API
 * refuses unauthenticated calls, and the process runs as the unprivileged user. Skipped
 * otherwise. Base images can be overridden with the {@code docker.build.image} and
 * {@code docker.runtime.image} system properties.
 */
@EnabledIf(value = "dockerAndBaseImagesAvailable", disabledReason = "needs a Docker daemon and local base images")
class DockerImageSmokeTest {

	private static final String BUILD_IMAGE = System.getProperty("docker.build.image", "eclipse-temurin:21-jdk-noble");

	private static final String RUNTIME_IMAGE = System.getProperty("docker.runtime.image",
			"eclipse-temurin:21-jre-noble");

	static boolean dockerAndBaseImagesAvailable() {
		return succeeds("docker", "image", "inspect", BUILD_IMAGE)
				&& succeeds("docker", "image", "inspect", RUNTIME_IMAGE);
	}

	@Test
	void imageStartsAsNonRootAndAnswersProbes() throws Exception {
		String tag = "presign-service:smoke-test";
		assertThat(run("docker", "build", "--network", "host", "--build-arg", "BUILD_IMAGE=" + BUILD_IMAGE,
				"--build-arg", "RUNTIME_IMAGE=" + RUNTIME_IMAGE, "-t", tag, "."))
			.isZero();
		String name = "presign-smoke-" + System.nanoTime();
		assertThat(run("docker", "run", "-d", "--name", name, "--read-only", "--tmpfs", "/tmp", "-p",
				"127.0.0.1:18080:8080", "-p", "127.0.0.1:18081:8081", tag))
			.isZero();
		try {
			HttpClient http = HttpClient.newHttpClient();
			Instant deadline = Instant.now().plusSeconds(90);
			int liveness = 0;
			while (liveness != 200 && Instant.now().isBefore(deadline)) {
				Thread.sleep(1000);
				liveness = status(http, "http://127.0.0.1:18081/actuator/health/liveness");
			}
			assertThat(liveness).isEqualTo(200);
			assertThat(status(http, "http://127.0.0.1:18080/v1/profiles")).isEqualTo(401);
			assertThat(output("docker", "exec", name, "id", "-u")).isEqualTo("10001");
		}
		finally {
			run("docker", "rm", "-f", name);
		}
	}

	private static int status(HttpClient http, String url) {
		try {
			return http
				.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (Exception ex) {
			return -1;
		}
	}

	/** Whether the command exits with 0; what it prints is not the test's output. */
	private static boolean succeeds(String... command) {
		try {
			ProcessBuilder quiet = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD);
			return exitStatus(quiet, 1) == 0;
		}
		catch (Exception ex) {
			return false;
		}
	}

	private static int run(String... command) throws Exception {
		return exitStatus(new ProcessBuilder(command).inheritIO(), 15);
	}

	/**
	 * The exit status, or -1 for a command still running after that many minutes, which
	 * is then stopped.
	 */
	private static int exitStatus(ProcessBuilder command, long minutes) throws Exception {
		Process process = command.start();
		if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			return -1;
		}
		return process.exitValue();
	}

	private static String output(String... command) throws Exception {
		Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).start();
		process.waitFor(30, TimeUnit.SECONDS);
		return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
	}

}
