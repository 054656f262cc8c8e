package io.presign.security;

import java.net.URI;
import java.util.Map;

import io.presign.support.ApiClient;
import io.presign.support.EmbeddedS3Server;
import io.presign.support.FaultProxy;
import io.presign.support.TestJwtIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.presign.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Configured with an issuer only (as the Helm chart does by default), the service looks
 * up the issuer's configuration on first use. With the issuer down, a bearer token gets
 * 503 {@code identity-provider-unavailable}, not a 500, and the issuer is asked once per
 * interval, not once per token; API keys keep working.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "presign.security.jwks.min-refresh-interval=1h")
@ActiveProfiles("it")
class IssuerOnlyFaultTest {

	private static final FaultProxy ISSUER = new FaultProxy(URI.create("http://127.0.0.1:9"), FaultProxy.Mode.REFUSE);

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		EmbeddedS3Server s3 = EmbeddedS3Server.shared().createBucket("it-bucket");
		registry.add("embedded.s3.endpoint", () -> s3.endpoint().toString());
		registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> ISSUER.endpoint().toString());
		registry.add("spring.security.oauth2.resourceserver.jwt.audiences", () -> TestJwtIssuer.AUDIENCE);
	}

	@AfterAll
	static void stop() {
		ISSUER.close();
	}

	@Test
	void issuerDownIsA503AndAskedOnce() {
		ApiClient api = new ApiClient(this.port);
		Map<String, Object> download = Map.of("profile", "files", "key", "a.txt");
		for (int i = 0; i < 10; i++) {
			ApiClient.Response response = api.postJson("/v1/downloads", download,
					ApiClient.bearer(TestJwtIssuer.shared().token("dave", "files")));
			assertProblem(response, 503, "identity-provider-unavailable", null);
			assertThat(response.json().get("requestId").asString()).isNotBlank();
		}
		// One lookup tries the issuer's well-known locations in turn: a connection each,
		// for ten tokens.
		assertThat(ISSUER.connections()).isBetween(1, 3);
		assertThat(api.postJson("/v1/downloads", download, ApiClient.apiKey("alice-key")).status()).isEqualTo(200);
	}

}
