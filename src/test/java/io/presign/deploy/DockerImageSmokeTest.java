package io.presign.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Builds the image from the repository's Dockerfile and runs it as the chart does:
 * read-only root file system (a tmpfs on /tmp), configured by environment variables only,
 * against an S3-compatible server that checks every signature (S3Proxy, in this JVM; the
 * container shares the host's network to reach it). It starts as uid 10001 from the
 * training run's cache, answers readiness on the management port, issues URLs that
 * S3Proxy accepts (and refuses once tampered with), writes nothing but JSON lines, and on
 * SIGTERM answers the request in flight before it exits, within the chart's grace period.
 * Prints the image's size and build time, and the container's time to ready, resident
 * memory and time to stop.
 * <p>
 * Runs where a Docker daemon runs and the base images are present locally (nothing is
 * pulled); skipped elsewhere, except in CI ({@code CI=true}), where {@code .ci/run}
 * builds local base images and this test must run. The base images are the
 * {@code docker.build.image} and {@code docker.runtime.image} system properties, by
 * default the Dockerfile's own (public) ones.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DockerImageSmokeTest {

	private static final String BUILD_IMAGE = System.getProperty("docker.build.image", "eclipse-temurin:25-jdk-noble");

	private static final String RUNTIME_IMAGE = System.getProperty("docker.runtime.image",
			"eclipse-temurin:25-jre-noble");

	private static final String TAG = "presign-service:smoke-test";

	private static final Path COMMAND_LOG = Path.of("target", "docker-image-smoke.log");

	private static final String ACCESS_KEY = "AKIASMOKETESTIMAGE00";

	private static final String SECRET_KEY = "smoke-test-secret-not-for-production";

	private static final String API_KEY = "smoke-image-key";

	private static final String BUCKET = "smoke-bucket";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static final Path CHART_VALUES = Path.of("helm/presign-service/values.yaml");

	private static S3Proxy s3;

	private static BlobStore store;

	private static String container;

	private static int apiPort;

	private static int managementPort;

	@BeforeAll
	static void buildAndStart() throws Exception {
		String missing = missingForTheImage();
		if (missing != null) {
			if ("true".equals(System.getenv("CI"))) {
				fail("In CI DockerImageSmokeTest must run (.ci/run installs Docker and builds local base images): "
						+ missing);
			}
			Assumptions.assumeTrue(false, missing);
		}
		long building = System.nanoTime();
		assertThat(run(15, "docker", "build", "--network", "host", "--build-arg", "BUILD_IMAGE=" + BUILD_IMAGE,
				"--build-arg", "RUNTIME_IMAGE=" + RUNTIME_IMAGE, "-t", TAG, "."))
			.as("docker build, whose output is in %s", COMMAND_LOG)
			.isZero();
		long size = Long.parseLong(output("docker", "image", "inspect", "--format", "{{.Size}}", TAG));
		System.out.printf("DockerImageSmokeTest: image %s built in %d s on %s and %s: %d bytes (%d MB)%n", TAG,
				TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - building), BUILD_IMAGE, RUNTIME_IMAGE, size,
				size / 1_000_000);

		startS3();
		apiPort = freePort();
		managementPort = freePort();
		Map<String, Object> chart = chartValues();
		container = "presign-smoke-" + ProcessHandle.current().pid();
		succeeds("docker", "rm", "-f", container);
		// The chart's way: configuration from the environment, Spring's shutdown timeout
		// from the chart's values.
		String configuration = JSON
			.writeValueAsString(Map.of("presign", Map.of("profiles",
					Map.of("smoke",
							Map.of("bucket", BUCKET, "region", "us-east-1", "endpoint",
									"http://127.0.0.1:" + s3.getPort(), "path-style", true, "allow-insecure-endpoint",
									true, "operations", List.of("download", "upload"), "content-types",
									List.of("text/plain"), "max-content-length", "1MB", "required-scope", "smoke")),
					"security",
					Map.of("api-keys",
							List.of(Map.of("name", "smoke", "sha256", sha256Hex(API_KEY), "scopes", List.of("smoke")))),
					"signing",
					Map.of("static-credentials", Map.of("access-key-id", ACCESS_KEY, "secret-access-key", SECRET_KEY),
							"region-check", "warn"))));
		long starting = System.nanoTime();
		assertThat(run(2, "docker", "run", "-d", "--name", container, "--network", "host", "--read-only", "--tmpfs",
				"/tmp", "-e", "SERVER_PORT=" + apiPort, "-e", "MANAGEMENT_SERVER_PORT=" + managementPort, "-e",
				"SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE=" + chart.get("shutdownTimeoutSeconds") + "s", "-e",
				"SPRING_APPLICATION_JSON=" + configuration, TAG))
			.as("docker run, whose output is in %s", COMMAND_LOG)
			.isZero();
		int[] readiness = { -1 };
		try {
			Awaitility.await()
				.atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> (readiness[0] = status(
						"http://127.0.0.1:" + managementPort + "/actuator/health/readiness")) == 200 || !running());
		}
		catch (ConditionTimeoutException ex) {
			// Asserted below, with the container's log.
		}
		assertThat(readiness[0]).as("readiness on the management port; the container's log:%n%s", logs())
			.isEqualTo(200);
		System.out.printf("DockerImageSmokeTest: ready %d ms after docker run; %s of resident memory then%n",
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - starting),
				output("docker", "exec", container, "sh", "-c", "grep VmRSS /proc/1/status | tr -s ' '"));
	}

	@AfterAll
	static void stop() throws Exception {
		if (container != null) {
			run(1, "docker", "rm", "-f", container);
		}
		if (s3 != null) {
			s3.stop();
		}
	}

	@Test
	@Order(1)
	void runsAsUid10001OnAReadOnlyRootFileSystemFromTheTrainingRunsCache() throws Exception {
		assertThat(output("docker", "exec", container, "id", "-u")).isEqualTo("10001");
		assertThat(output("docker", "inspect", "--format", "{{.HostConfig.ReadonlyRootfs}}", container))
			.isEqualTo("true");
		assertThat(succeeds("docker", "exec", container, "touch", "/app/written")).as("a write to /app").isFalse();
		assertThat(succeeds("docker", "exec", container, "touch", "/tmp/written")).as("a write to /tmp").isTrue();
		// The entry point names the cache (AOT cache on Java 24+, CDS archive before),
		// and the JVM has it mapped.
		String cache = output("docker", "exec", container, "cat", "/app/jvm.args").replaceAll(".*=", "");
		assertThat(cache).matches("app\\.(aot|jsa)");
		assertThat(output("docker", "exec", container, "grep", "-c", "/app/" + cache, "/proc/1/maps"))
			.as("mappings of /app/%s in the JVM", cache)
			.isNotEqualTo("0");
	}

	@Test
	@Order(2)
	void issuesUrlsThatTheStorageAccepts() throws Exception {
		byte[] body = "hello from the image's smoke test\n".getBytes(StandardCharsets.UTF_8);
		JsonNode upload = issue("/v1/uploads", "{\"profile\":\"smoke\",\"key\":\"smoke/hello.txt\",\"contentType\":"
				+ "\"text/plain\",\"contentLength\":" + body.length + "}");
		assertThat(upload.get("method").asString()).isEqualTo("PUT");
		HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(upload.get("url").asString()))
			.timeout(Duration.ofSeconds(10))
			.PUT(HttpRequest.BodyPublishers.ofByteArray(body));
		// Content-Length comes from the body (the client refuses to set it by hand);
		// every other signed header as given.
		upload.get("headers").properties().forEach((header) -> {
			if (!header.getKey().equalsIgnoreCase("Content-Length")) {
				put.header(header.getKey(), header.getValue().asString());
			}
		});
		HttpResponse<String> stored = HTTP.send(put.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
		assertThat(store.blobExists(BUCKET, "smoke/hello.txt")).isTrue();

		String url = issue("/v1/downloads", "{\"profile\":\"smoke\",\"key\":\"smoke/hello.txt\"}").get("url")
			.asString();
		HttpResponse<byte[]> read = HTTP.send(
				HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofByteArray());
		assertThat(read.statusCode()).isEqualTo(200);
		assertThat(read.body()).isEqualTo(body);
		// The storage checks the signature: one changed character and it refuses.
		String tampered = url.substring(0, url.length() - 1) + (url.endsWith("0") ? "1" : "0");
		assertThat(HTTP
			.send(HttpRequest.newBuilder(URI.create(tampered)).timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.discarding())
			.statusCode()).isEqualTo(403);
	}

	/**
	 * What Kubernetes does to a pod it removes, after the pre-stop sleep: SIGTERM, then
	 * SIGKILL once the grace period is over. A request whose body is still arriving when
	 * the signal comes is answered; the JVM then exits. Its exit status is 143, 128 +
	 * SIGTERM, the JVM's own for a process ended by that signal after its shutdown hooks
	 * ran (Spring's graceful shutdown among them): no JVM or Spring Boot setting makes it
	 * 0 (Spring Boot issue 10697), and Kubernetes restarts no container of a pod it is
	 * deleting, whatever its status. 137 would mean the grace period ran out and SIGKILL
	 * ended it.
	 */
	@Test
	@Order(3)
	void answersTheRequestInFlightOnSigtermAndExitsWithinTheGracePeriod() throws Exception {
		Map<String, Object> chart = chartValues();
		int afterSigterm = ((Number) chart.get("terminationGracePeriodSeconds")).intValue()
				- ((Number) chart.get("preStopSleepSeconds")).intValue();
		byte[] body = "{\"profile\":\"smoke\",\"key\":\"smoke/in-flight.txt\"}".getBytes(StandardCharsets.UTF_8);
		try (Socket socket = new Socket("127.0.0.1", apiPort)) {
			socket.setSoTimeout(afterSigterm * 1000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /v1/downloads HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: " + API_KEY
					+ "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
					+ "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.write(body, 0, body.length / 2);
			out.flush();
			long stopping = System.nanoTime();
			CompletableFuture<Integer> stop = CompletableFuture.supplyAsync(() -> {
				try {
					return run(2, "docker", "stop", "-t", String.valueOf(afterSigterm), container);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			// The rest of the body only once the service has begun its graceful shutdown.
			Awaitility.await()
				.atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(100))
				.untilAsserted(() -> assertThat(logs()).contains("Commencing graceful shutdown"));
			out.write(body, body.length / 2, body.length - body.length / 2);
			out.flush();
			InputStream in = socket.getInputStream();
			String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			assertThat(answer).startsWith("HTTP/1.1 200").contains("\"url\":");
			assertThat(stop.get(afterSigterm + 30, TimeUnit.SECONDS)).as("docker stop").isZero();
			long stoppedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopping);
			System.out.printf("DockerImageSmokeTest: stopped %d ms after SIGTERM (the grace period leaves %d s), "
					+ "exit status %s%n", stoppedMs, afterSigterm, exitCode());
			assertThat(stoppedMs).isLessThan(afterSigterm * 1000L);
		}
		assertThat(exitCode()).as("128 + SIGTERM: ended by the signal, after its shutdown hooks").isEqualTo("143");
		assertThat(output("docker", "inspect", "--format", "{{.State.OOMKilled}}", container)).isEqualTo("false");
		assertThat(logs()).contains("Graceful shutdown complete");
	}

	@Test
	@Order(4)
	void wroteOnlyJsonLines() throws Exception {
		String logs = logs();
		assertThat(logs).isNotBlank();
		List<String> notJson = new ArrayList<>();
		logs.lines().forEach((line) -> {
			try {
				if (!JSON.readTree(line).isObject()) {
					notJson.add(line);
				}
			}
			catch (RuntimeException ex) {
				notJson.add(line);
			}
		});
		assertThat(notJson).as("lines of docker logs that are not JSON objects").isEmpty();
	}

	private static JsonNode issue(String path, String body) throws Exception {
		HttpResponse<String> response = HTTP
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path))
				.timeout(Duration.ofSeconds(10))
				.header("X-Api-Key", API_KEY)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	/**
	 * S3Proxy on the loopback interface, checking SigV4 signatures, with an in-memory
	 * bucket.
	 */
	private static void startS3() throws Exception {
		Properties properties = new Properties();
		properties.setProperty("jclouds.identity", ACCESS_KEY);
		properties.setProperty("jclouds.credential", SECRET_KEY);
		store = BlobStores.create("transient", properties);
		store.createContainer(BUCKET);
		s3 = S3Proxy.builder()
			.blobStore(store)
			.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
			.endpoint(URI.create("http://127.0.0.1:0"))
			.build();
		s3.start();
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(10))
			.untilAsserted(() -> assertThat(s3.getState()).isEqualTo("STARTED"));
	}

	/** Why the image cannot be built and run here, or null when it can. */
	private static String missingForTheImage() {
		if (!succeeds("docker", "info")) {
			return "no Docker daemon answers (docker info)";
		}
		for (String image : List.of(BUILD_IMAGE, RUNTIME_IMAGE)) {
			if (!succeeds("docker", "image", "inspect", image)) {
				return "the base image " + image + " is not present locally (nothing is pulled; .ci/docker-bases.sh "
						+ "builds local ones, passed as -Ddocker.build.image and -Ddocker.runtime.image)";
			}
		}
		return null;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> chartValues() throws IOException {
		return (Map<String, Object>) new Yaml().load(Files.readString(CHART_VALUES));
	}

	private static boolean running() throws Exception {
		return "true".equals(output("docker", "inspect", "--format", "{{.State.Running}}", container));
	}

	private static String exitCode() throws Exception {
		return output("docker", "inspect", "--format", "{{.State.ExitCode}}", container);
	}

	/** Everything the container wrote, standard output and standard error. */
	private static String logs() throws Exception {
		Process process = new ProcessBuilder("docker", "logs", container).redirectErrorStream(true).start();
		String logs = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		process.waitFor(30, TimeUnit.SECONDS);
		return logs;
	}

	private static int status(String url) {
		try {
			return HTTP
				.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (Exception ex) {
			return -1;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String sha256Hex(String text) throws Exception {
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
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

	/**
	 * The exit status. What the command prints is appended to {@link #COMMAND_LOG}: a
	 * child writing to the test JVM's own streams would corrupt Surefire's channel to it.
	 */
	private static int run(long minutes, String... command) throws Exception {
		Files.createDirectories(COMMAND_LOG.getParent());
		return exitStatus(new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(COMMAND_LOG.toFile())), minutes);
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
		Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		process.waitFor(30, TimeUnit.SECONDS);
		return output;
	}

}
