package io.presign.deploy;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.presign.PresignServiceApplication;
import io.presign.support.ApiClient;
import io.presign.support.EmbeddedS3Server;
import io.presign.support.TestHost;
import io.presign.support.TestJwtIssuer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static io.presign.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Two replicas sharing one rate limit through a real Redis ({@code redis-server},
 * Debian's package, started here on a free port), then Redis killed: the fail-open
 * replica issues uncounted and says so, the fail-closed one refuses with 503. Skipped
 * where redis-server is missing; in CI, which installs it, failed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedRateLimitTest {

	private static final Path REDIS = Path.of("/usr/bin/redis-server");

	private static final Map<String, Object> DOWNLOAD = Map.of("profile", "limited", "key", "shared.txt");

	private static Process redis;

	private static ConfigurableApplicationContext failOpen;

	private static ConfigurableApplicationContext failClosed;

	@BeforeAll
	static void start() throws Exception {
		TestHost.requireExecutable(REDIS, "the shared rate-limit test", "apt-get install redis-server; .ci/run does");
		int port = TestHost.freePort();
		redis = new ProcessBuilder(REDIS.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save",
				"", "--appendonly", "no")
			.redirectErrorStream(true)
			.redirectOutput(Path.of("target", "redis-server.log").toFile())
			.start();
		awaitPort(port);
		failOpen = replica(port, "fail-open");
		failClosed = replica(port, "fail-closed");
		// Each replica connects on a thread of its own, so that no request waits for
		// Redis.
		awaitConnected(failOpen);
		awaitConnected(failClosed);
	}

	private static void awaitConnected(ConfigurableApplicationContext replica) {
		ApiClient management = new ApiClient(port(replica, "local.management.port"));
		Awaitility.await("the replica connects to Redis")
			.atMost(Duration.ofSeconds(10))
			.until(() -> management.get("/actuator/health/readiness", ApiClient.apiKey("ops-key"))
				.text()
				.contains("\"state\":\"answering\""));
	}

	@AfterAll
	static void stop() {
		for (ConfigurableApplicationContext replica : new ConfigurableApplicationContext[] { failOpen, failClosed }) {
			if (replica != null) {
				replica.close();
			}
		}
		if (redis != null) {
			redis.destroyForcibly();
		}
	}

	@Test
	@Order(1)
	void twoReplicasShareOneLimit() {
		// The profile allows 3 URLs a minute per caller.
		assertThat(download(failOpen).status()).isEqualTo(200);
		assertThat(download(failClosed).status()).isEqualTo(200);
		assertThat(download(failOpen).status()).isEqualTo(200);
		assertProblem(download(failClosed), 429, "rate-limited", null);
		assertProblem(download(failOpen), 429, "rate-limited", null);
	}

	@Test
	@Order(2)
	void whenRedisDiesEachReplicaFollowsItsMode() throws Exception {
		redis.destroyForcibly().waitFor();
		ApiClient.Response open = download(failOpen);
		assertThat(open.status()).as("fail-open issues uncounted").isEqualTo(200);
		ApiClient.Response closed = download(failClosed);
		assertProblem(closed, 503, "rate-limit-unavailable", null);
		assertThat(closed.header("Retry-After")).isNotNull();

		ApiClient management = new ApiClient(port(failOpen, "local.management.port"));
		assertThat(management.get("/actuator/prometheus", Map.of()).text())
			.containsPattern("presign_rate_limit_store_failures_total\\{mode=\"fail-open\"\\} [1-9]");
		String readiness = management.get("/actuator/health/readiness", ApiClient.apiKey("ops-key")).text();
		assertThat(readiness).contains("\"rateLimitStore\"")
			.contains("\"state\":\"failing\"")
			.contains("\"onStoreFailure\":\"fail-open\"")
			.contains("\"status\":\"UP\"");
		assertThat(management.get("/actuator/health", ApiClient.apiKey("ops-key")).text())
			.as("one contributor for the store, not the quota too")
			.doesNotContain("issuanceQuota");
	}

	private static ApiClient.Response download(ConfigurableApplicationContext replica) {
		return new ApiClient(port(replica, "local.server.port")).postJson("/v1/downloads", DOWNLOAD,
				ApiClient.apiKey("alice-key"));
	}

	private static int port(ConfigurableApplicationContext replica, String property) {
		return Integer.parseInt(replica.getEnvironment().getProperty(property));
	}

	private static ConfigurableApplicationContext replica(int redisPort, String onFailure) {
		EmbeddedS3Server s3 = EmbeddedS3Server.shared().createBucket("it-bucket");
		List<String> arguments = new ArrayList<>(List.of("--spring.profiles.active=it", "--server.port=0",
				"--management.server.port=0", "--embedded.s3.endpoint=" + s3.endpoint(),
				"--presign.rate-limit.store=redis", "--presign.rate-limit.on-store-failure=" + onFailure,
				// 3 URLs a minute: no refill comes between the requests of the test.
				"--presign.profiles.limited.rate-limit.period=60s", "--spring.data.redis.host=127.0.0.1",
				"--spring.data.redis.port=" + redisPort,
				// Redis is killed on purpose: closing a replica then cancels the client's
				// attempt to reconnect, whose
				// event loop Netty reports at error as already shut down.
				"--logging.level.io.netty.util.concurrent.DefaultPromise.rejectedExecution=off"));
		TestJwtIssuer.shared().properties().forEach((name, value) -> arguments.add("--" + name + "=" + value));
		return SpringApplication.run(PresignServiceApplication.class, arguments.toArray(String[]::new));
	}

	private static void awaitPort(int port) {
		Awaitility.await("redis-server listens on " + port + "; see target/redis-server.log")
			.atMost(Duration.ofSeconds(10))
			.ignoreException(IOException.class)
			.until(() -> {
				try (Socket socket = new Socket("127.0.0.1", port)) {
					return true;
				}
			});
	}

}
