package io.presign.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.presign.support.TestHost;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the jar {@code ./mvnw verify} packaged, as {@code java -jar} and the image do,
 * with nothing on its class path but what it carries: every other test runs on the test
 * class path, which holds libraries the jar may lack (a test-scoped Jackson 2 once left
 * the jar without what the API description needs, and every test passed). Run by failsafe
 * after {@code package}.
 */
class PackagedJarIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static Process service;

	private static Path log;

	private static String api;

	private static String management;

	@BeforeAll
	static void start() throws Exception {
		Path jar = Path.of(System.getProperty("packaged.jar", "target/presign-service.jar"));
		assertThat(jar).as("the packaged jar").exists();
		int port = TestHost.freePort();
		int managementPort = TestHost.freePort();
		api = "http://127.0.0.1:" + port;
		management = "http://127.0.0.1:" + managementPort;
		log = Path.of("target", "packaged-jar-it.log");
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar",
						jar.toString(), "--server.port=" + port, "--management.server.port=" + managementPort,
						"--presign.profiles.smoke.bucket=smoke-bucket", "--presign.profiles.smoke.region=eu-west-1",
						"--presign.profiles.smoke.operations=download", "--presign.profiles.smoke.required-scope=smoke",
						"--presign.profiles.smoke.rate-limit.capacity=0", "--presign.security.api-keys[0].name=smoke",
						"--presign.security.api-keys[0].sha256=" + sha256Hex("smoke-key"),
						"--presign.security.api-keys[0].scopes=smoke",
						"--presign.signing.static-credentials.access-key-id=AKIASMOKETEST0000000",
						"--presign.signing.static-credentials.secret-access-key=smoke-secret",
						"--presign.signing.region-check=off"));
		service = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		int readiness = Awaitility.await()
			.atMost(Duration.ofSeconds(120))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> service.isAlive() ? status(management + "/actuator/health/readiness") : -1,
					(status) -> status == 200 || !service.isAlive());
		assertThat(readiness).as("readiness of the packaged jar; its output is in %s:%n%s", log, tail()).isEqualTo(200);
	}

	@AfterAll
	static void stop() throws InterruptedException {
		if (service != null) {
			service.destroy();
			if (!service.waitFor(40, TimeUnit.SECONDS)) {
				service.destroyForcibly().waitFor();
			}
		}
	}

	@Test
	void servesItsApiDescription() throws Exception {
		HttpResponse<String> response = get(api + "/v3/api-docs");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(JSON.readTree(response.body()).at("/info/title").asString()).isEqualTo("presign-service");
	}

	@Test
	void issuesASignedUrl() throws Exception {
		HttpResponse<String> response = post("/v1/downloads", "{\"profile\":\"smoke\",\"key\":\"photos/cat.png\"}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode url = JSON.readTree(response.body()).get("url");
		assertThat(url.asString()).startsWith("https://smoke-bucket.s3.eu-west-1.amazonaws.com/photos/cat.png?")
			.contains("X-Amz-Credential=AKIASMOKETEST0000000%2F")
			.containsPattern("&X-Amz-Signature=[0-9a-f]{64}$");
	}

	@Test
	void refusesAnUnauthenticatedCallWithAProblem() throws Exception {
		HttpResponse<String> response = get(api + "/v1/profiles");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(JSON.readTree(response.body()).get("code").asString()).isEqualTo("unauthenticated");
	}

	/**
	 * Lines logged at once by many request threads each reach the output whole (one JSON
	 * object a line), short ones and ones longer than a pipe takes in one write (a
	 * batch's audit event), and each request's audit event is in the output once its
	 * response has arrived.
	 */
	@Test
	void writesEachLogLineWholeWhileManyRequestsLogAtOnce() throws Exception {
		String keys = IntStream.range(0, 100)
			.mapToObj((i) -> "\"photos/2026/12/a-rather-long-name-for-a-cat-picture-" + i + ".png\"")
			.collect(Collectors.joining(","));
		int threads = 8;
		int requestsEach = 40;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<Integer>> statuses = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				for (int i = 0; i < requestsEach; i++) {
					boolean batch = (i % 4 == 0);
					String requestId = "concurrent-" + t + "-" + i;
					String body = batch ? "{\"profile\":\"smoke\",\"keys\":[" + keys + "]}"
							: "{\"profile\":\"smoke\",\"key\":\"photos/cat.png\"}";
					statuses.add(pool.submit(
							() -> post(batch ? "/v1/downloads/batch" : "/v1/downloads", body, "X-Request-Id", requestId)
								.statusCode()));
				}
			}
			for (Future<Integer> status : statuses) {
				assertThat(status.get(60, TimeUnit.SECONDS)).isEqualTo(200);
			}
		}
		finally {
			pool.shutdownNow();
		}
		// Each event is written before its response is sent: all are in the output now.
		List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
		List<JsonNode> events = new ArrayList<>();
		for (String line : lines) {
			events.add(JSON.readTree(line));
		}
		assertThat(events).filteredOn((event) -> event.path("requestId").asString("").startsWith("concurrent-"))
			.hasSize(threads * requestsEach);
		assertThat(lines).filteredOn((line) -> line.contains("\"requestId\":\"concurrent-"))
			.anyMatch((line) -> line.length() > 4096)
			.anyMatch((line) -> line.length() < 4096);
	}

	/**
	 * A POST of JSON with the smoke profile's API key, and any further headers as name,
	 * value pairs.
	 */
	private static HttpResponse<String> post(String path, String body, String... headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api + path))
			.timeout(Duration.ofSeconds(10))
			.header("X-Api-Key", "smoke-key")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
		return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** The status of a GET, or -1 while nothing listens yet. */
	private static int status(String url) throws InterruptedException {
		try {
			return get(url).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private static String sha256Hex(String text) throws NoSuchAlgorithmException {
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
	}

	private static String tail() {
		try {
			List<String> lines = Files.readAllLines(log);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
		}
		catch (IOException ex) {
			return "(no output)";
		}
	}

}
