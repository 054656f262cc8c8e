package io.presign.security;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.sun.net.httpserver.HttpServer;
import io.presign.support.ApiClient;
import io.presign.support.EmbeddedS3Server;
import io.presign.support.FaultProxy;
import io.presign.support.MutableClock;
import io.presign.support.TestJwtIssuer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.presign.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identity provider's key set endpoint, counted and behind a fault proxy: forged key
 * ids cannot make the service hammer it, and when it fails or hangs, tokens that need a
 * fetch get a bounded 503 while API keys and tokens with known keys keep working.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "presign.security.jwks.min-refresh-interval=2s", "presign.security.jwks.read-timeout=1s",
				"presign.security.jwks.connect-timeout=1s" })
@ActiveProfiles("it")
@Import(JwksFaultTest.Time.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JwksFaultTest {

	/** The service's clock, moved past the refresh interval instead of waiting for it. */
	private static final MutableClock CLOCK = MutableClock.systemUtc();

	private static final Duration PAST_THE_INTERVAL = Duration.ofMillis(2100);

	private static final RSAKey TRUSTED = TestJwtIssuer.generateKey("fault-test-key");

	private static final AtomicInteger FETCHES = new AtomicInteger();

	private static final HttpServer JWKS = startJwks();

	private static final FaultProxy PROXY = new FaultProxy(
			URI.create("http://127.0.0.1:" + JWKS.getAddress().getPort()), FaultProxy.Mode.REFUSE);

	private static final Map<String, Object> DOWNLOAD = Map.of("profile", "files", "key", "a.txt");

	@LocalServerPort
	private int port;

	private ApiClient api;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		EmbeddedS3Server s3 = EmbeddedS3Server.shared().createBucket("it-bucket");
		registry.add("embedded.s3.endpoint", () -> s3.endpoint().toString());
		registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
				() -> PROXY.endpoint().resolve("/jwks.json").toString());
		registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> TestJwtIssuer.ISSUER);
		registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> TestJwtIssuer.AUDIENCE);
	}

	@AfterAll
	static void stop() {
		PROXY.close();
		JWKS.stop(0);
	}

	@BeforeEach
	void createClient() {
		this.api = new ApiClient(this.port);
	}

	/**
	 * Down from the start: no key set was ever fetched, so there is nothing to check
	 * tokens against. One attempt per interval, however many tokens arrive; each gets a
	 * 503 without an attempt of its own.
	 */
	@Test
	@Order(0)
	void unreachableFromTheStartCostsOneAttemptPerInterval() {
		for (int i = 0; i < 20; i++) {
			assertProblem(download(trustedToken()), 503, "identity-provider-unavailable", null);
		}
		assertThat(PROXY.connections()).isLessThanOrEqualTo(2);
		assertThat(FETCHES.get()).isZero();
	}

	@Test
	@Order(1)
	void fortyForgedKeyIdsCostAtMostTwoFetches() throws Exception {
		PROXY.mode(FaultProxy.Mode.FORWARD);
		CLOCK.advance(PAST_THE_INTERVAL);
		assertThat(download(trustedToken()).status()).isEqualTo(200);
		// Made first: generating 40 RSA keys takes seconds, which would let the refresh
		// interval pass mid-loop.
		List<String> forgedTokens = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			forgedTokens.add(TestJwtIssuer.token(TestJwtIssuer.generateKey("forged-" + i),
					TestJwtIssuer.shared().claims("mallory", "files").build()));
		}
		int before = FETCHES.get();
		for (String forged : forgedTokens) {
			assertProblem(download(forged), 401, "unauthenticated", null);
		}
		assertThat(FETCHES.get() - before).isLessThanOrEqualTo(2);
		assertThat(download(trustedToken()).status()).as("known keys keep working").isEqualTo(200);
	}

	@Test
	@Order(2)
	void failingKeySetIsA503ProblemWhileKnownKeysAndApiKeysWork() throws Exception {
		PROXY.mode(FaultProxy.Mode.REFUSE);
		CLOCK.advance(PAST_THE_INTERVAL);
		ApiClient.Response response = download(newKeyToken());
		assertProblem(response, 503, "identity-provider-unavailable", null);
		assertThat(response.json().get("requestId").asString()).isNotBlank();
		assertThat(response.header("Retry-After")).isNotNull();
		assertThat(download(trustedToken()).status()).isEqualTo(200);
		assertThat(this.api.postJson("/v1/downloads", DOWNLOAD, ApiClient.apiKey("alice-key")).status()).isEqualTo(200);
	}

	@Test
	@Order(3)
	void hangingKeySetIsA503WithinTheReadTimeoutWhileOtherRequestsKeepWorking() throws Exception {
		PROXY.mode(FaultProxy.Mode.STALL);
		CLOCK.advance(PAST_THE_INTERVAL);
		int before = PROXY.connections();
		long start = System.nanoTime();
		CompletableFuture<ApiClient.Response> stuck = CompletableFuture.supplyAsync(() -> download(newKeyToken()));
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> PROXY.connections() > before);
		assertThat(this.api.postJson("/v1/downloads", DOWNLOAD, ApiClient.apiKey("alice-key")).status()).isEqualTo(200);
		assertThat(stuck).as("an API key waits for no fetch: answered while the fetch still hangs").isNotDone();
		assertProblem(stuck.join(), 503, "identity-provider-unavailable", null);
		// The fetch gives up after the read timeout (1 s); the margin is for a loaded
		// two-core machine.
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1 + 10));
	}

	@Test
	@Order(4)
	void recoversOnItsOwn() throws Exception {
		PROXY.mode(FaultProxy.Mode.FORWARD);
		CLOCK.advance(PAST_THE_INTERVAL);
		ApiClient.Response response = download(trustedToken());
		assertThat(response.status()).as(response.text()).isEqualTo(200);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Time {

		@Bean
		@Primary
		Clock movedClock() {
			return CLOCK;
		}

	}

	private static String trustedToken() {
		return TestJwtIssuer.token(TRUSTED, TestJwtIssuer.shared().claims("dave", "files").build());
	}

	/**
	 * A token signed by a key the service has not seen, so that checking it needs a
	 * fetch.
	 */
	private static String newKeyToken() {
		return TestJwtIssuer.token(TestJwtIssuer.generateKey("rotated-" + System.nanoTime()),
				TestJwtIssuer.shared().claims("dave", "files").build());
	}

	private ApiClient.Response download(String token) {
		return this.api.postJson("/v1/downloads", DOWNLOAD, ApiClient.bearer(token));
	}

	private static HttpServer startJwks() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			byte[] body = new JWKSet(TRUSTED.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
			server.createContext("/jwks.json", (exchange) -> {
				FETCHES.incrementAndGet();
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
