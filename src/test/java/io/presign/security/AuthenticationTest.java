package io.presign.security;

import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import io.presign.support.ApiClient;
import io.presign.support.IntegrationTest;
import io.presign.support.TestJwtIssuer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.FilterChainProxy;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real RS256 tokens verified through the JWKS endpoint, and API keys, over real HTTP.
 */
class AuthenticationTest extends IntegrationTest {

	@Autowired
	private JwtDecoder jwtDecoder;

	@Autowired
	private FilterChainProxy securityFilters;

	@Test
	void tokensAreVerifiedThroughTheGuardAndRememberedOnceVerified() {
		assertThat(this.jwtDecoder).isInstanceOf(VerifiedTokenCache.class);
		String token = TestJwtIssuer.shared().token("cache-test", "files");
		assertThat(this.api
			.postJson("/v1/downloads", Map.of("profile", "files", "key", "a.txt"),
					Map.of("Authorization", "Bearer " + token))
			.status()).isEqualTo(200);
		assertThat(this.api
			.postJson("/v1/downloads", Map.of("profile", "files", "key", "a.txt"),
					Map.of("Authorization", "Bearer " + token))
			.status()).isEqualTo(200);
		String tampered = token.substring(0, token.length() - 4) + "AAAA";
		assertThat(this.api
			.postJson("/v1/downloads", Map.of("profile", "files", "key", "a.txt"),
					Map.of("Authorization", "Bearer " + tampered))
			.status()).as("a token differing in its signature").isEqualTo(401);
	}

	/**
	 * The two checks the service does in place of Spring Security's own, which answer the
	 * same for every input (their own tests), are the ones every request passes.
	 */
	@Test
	void bearerTokensAndHeaderValuesAreCheckedByTheServicesEquivalents() {
		// The proxy the service's chain was built into, inside the one Spring Security
		// registers around it.
		assertThat(this.securityFilters).extracting("springSecurityFilterChain")
			.extracting("firewall")
			.extracting("allowedHeaderValues")
			.isInstanceOf(AllowedHeaderValues.class);
		assertThat(this.securityFilters.getFilterChains()).singleElement()
			.satisfies((chain) -> assertThat(chain.getFilters())
				.filteredOn(BearerTokenAuthenticationFilter.class::isInstance)
				.singleElement()
				.extracting("authenticationConverter")
				.isInstanceOf(BearerHeaderConverter.class));
	}

	private static final Map<String, Object> UPLOAD = Map.of("profile", "files", "key", "a.txt", "contentType",
			"text/plain", "contentLength", 3);

	private final TestJwtIssuer issuer = TestJwtIssuer.shared();

	/**
	 * Spring Security does not observe the authentication of a token
	 * (SecurityConfiguration); the fetch of the key set, the part that waits on the
	 * identity provider, is.
	 */
	@Test
	void fetchesOfTheKeySetAreObserved() {
		assertThat(this.api
			.postJson("/v1/downloads", Map.of("profile", "files", "key", "a.txt"),
					ApiClient.bearer(this.issuer.token("jwks-observed", "files")))
			.status()).isEqualTo(200);
		String metrics = this.management.get("/actuator/prometheus", Map.of()).text();
		assertThat(metrics.lines().filter((line) -> line.startsWith("http_client_requests_seconds_count{"))).as(metrics)
			.anySatisfy((line) -> assertThat(line).contains("method=\"GET\"").contains("status=\"200\""));
	}

	@Test
	void validJwtWithTheScopeGetsAUrlUnderItsSubject() {
		ApiClient.Response response = this.api.postJson("/v1/uploads", UPLOAD,
				ApiClient.bearer(this.issuer.token("user-42", "openid files")));
		assertThat(response.status()).as(response.text()).isEqualTo(200);
		assertThat(response.json().get("key").asString()).isEqualTo("users/user-42/a.txt");
	}

	@Test
	void jwtWithoutTheProfileScopeIsForbidden() {
		assertUnauthorizedOrForbidden(
				this.api.postJson("/v1/uploads", UPLOAD, ApiClient.bearer(this.issuer.token("user-42", "reports"))),
				403, "scope-missing");
	}

	@Test
	void jwtFromAnotherIssuerIsRejected() {
		String token = this.issuer.sign(this.issuer.claims("user-42", "files").issuer("https://evil.test").build());
		assertUnauthorizedOrForbidden(this.api.postJson("/v1/uploads", UPLOAD, ApiClient.bearer(token)), 401,
				"unauthenticated");
	}

	@Test
	void jwtForAnotherAudienceIsRejected() {
		String token = this.issuer.sign(this.issuer.claims("user-42", "files").audience("other-service").build());
		assertUnauthorizedOrForbidden(this.api.postJson("/v1/uploads", UPLOAD, ApiClient.bearer(token)), 401,
				"unauthenticated");
	}

	@Test
	void expiredJwtIsRejected() {
		Instant past = Instant.now().minusSeconds(3600);
		String token = this.issuer.sign(this.issuer.claims("user-42", "files")
			.issueTime(Date.from(past.minusSeconds(300)))
			.expirationTime(Date.from(past))
			.build());
		assertUnauthorizedOrForbidden(this.api.postJson("/v1/uploads", UPLOAD, ApiClient.bearer(token)), 401,
				"unauthenticated");
	}

	@Test
	void jwtSignedByAnUntrustedKeyIsRejected() {
		String token = TestJwtIssuer.token(TestJwtIssuer.generateKey("test-key"),
				this.issuer.claims("user-42", "files").build());
		assertUnauthorizedOrForbidden(this.api.postJson("/v1/uploads", UPLOAD, ApiClient.bearer(token)), 401,
				"unauthenticated");
	}

	@Test
	void unsignedJwtWithAlgNoneIsRejected() {
		JWTClaimsSet claims = this.issuer.claims("user-42", "files").build();
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		String token = base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes()) + "."
				+ base64.encodeToString(claims.toString().getBytes()) + ".";
		assertUnauthorizedOrForbidden(this.api.postJson("/v1/uploads", UPLOAD, ApiClient.bearer(token)), 401,
				"unauthenticated");
	}

	@Test
	void garbageBearerTokenIsRejected() {
		ApiClient.Response response = this.api.postJson("/v1/uploads", UPLOAD, ApiClient.bearer("not-a-jwt"));
		assertUnauthorizedOrForbidden(response, 401, "unauthenticated");
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
	}

	/**
	 * Headers the service's converter leaves to Spring Security's: another spelling of
	 * the scheme is still taken, a malformed token still refused with the library's
	 * challenge.
	 */
	@Test
	void bearerHeadersBeyondTheCommonSpellingAreTheLibrarysToDecide() {
		ApiClient.Response lowerCase = this.api.postJson("/v1/uploads", UPLOAD,
				Map.of("Authorization", "bearer " + this.issuer.token("user-42", "files")));
		assertThat(lowerCase.status()).as(lowerCase.text()).isEqualTo(200);
		ApiClient.Response malformed = this.api.postJson("/v1/uploads", UPLOAD, Map.of("Authorization", "Bearer a b"));
		assertUnauthorizedOrForbidden(malformed, 401, "unauthenticated");
		assertThat(malformed.header("WWW-Authenticate")).contains("error=\"invalid_token\"")
			.contains("Bearer token is malformed");
	}

	@Test
	void rightApiKeyIsAccepted() {
		ApiClient.Response response = this.api.postJson("/v1/uploads", UPLOAD, ApiClient.apiKey(BOB_KEY));
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("key").asString()).isEqualTo("users/bob/a.txt");
	}

	@Test
	void wrongApiKeyIsRejected() {
		assertUnauthorizedOrForbidden(this.api.postJson("/v1/uploads", UPLOAD, ApiClient.apiKey("alice-kez")), 401,
				"unauthenticated");
		assertUnauthorizedOrForbidden(this.api.postJson("/v1/uploads", UPLOAD, ApiClient.apiKey("")), 401,
				"unauthenticated");
	}

	@Test
	void missingCredentialsAreRejected() {
		ApiClient.Response response = this.api.postJson("/v1/uploads", UPLOAD, Map.of());
		assertUnauthorizedOrForbidden(response, 401, "unauthenticated");
		assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
		assertUnauthorizedOrForbidden(this.api.get("/v1/profiles", Map.of()), 401, "unauthenticated");
	}

	@Test
	void profilesListsOnlyWhatTheCallerMayUse() {
		JsonNode alice = this.api.get("/v1/profiles", ApiClient.apiKey(ALICE_KEY)).json();
		assertThat(alice.findValuesAsString("name")).containsExactly("files", "archive", "reports", "generated",
				"stamped", "tagged", "checked", "checked-parts", "limited", "large", "small-multipart",
				"limited-multipart", "encrypted");
		JsonNode files = alice.get(0);
		assertThat(files.get("operations").toString()).isEqualTo("[\"download\",\"upload\"]");
		assertThat(files.get("maxContentLength").asLong()).isEqualTo(1024 * 1024);
		assertThat(files.get("defaultExpirySeconds").asLong()).isEqualTo(300);
		assertThat(files.get("maxExpirySeconds").asLong()).isEqualTo(3600);
		assertThat(this.api.get("/v1/profiles", ApiClient.apiKey(BOB_KEY)).json().findValuesAsString("name"))
			.containsExactly("files", "archive", "generated", "stamped", "tagged", "checked", "checked-parts",
					"limited", "large", "small-multipart", "limited-multipart", "encrypted");
		assertThat(this.api.get("/v1/profiles", ApiClient.apiKey(CAROL_KEY)).json().size()).isZero();
	}

	@Test
	void apiDocsArePublic() {
		assertThat(this.api.get("/v3/api-docs", Map.of()).status()).isEqualTo(200);
		assertThat(this.api.get("/swagger-ui/index.html", Map.of()).status()).isEqualTo(200);
	}

	@Test
	void managementPortServesProbesAndPrometheusWithoutCredentials() {
		assertThat(this.management.get("/actuator/health", Map.of()).status()).isEqualTo(200);
		assertThat(this.management.get("/actuator/health/readiness", Map.of()).status()).isEqualTo(200);
		assertThat(this.management.get("/actuator/info", Map.of()).status()).isEqualTo(200);
		ApiClient.Response prometheus = this.management.get("/actuator/prometheus", Map.of());
		assertThat(prometheus.status()).isEqualTo(200);
		assertThat(prometheus.text()).contains("http_server_requests_seconds");
	}

	/**
	 * The service keeps no sessions, so it has nothing to log out of: {@code /logout} is
	 * a path like any other, not a redirect to a login page that does not exist.
	 */
	@Test
	void logoutIsNoEndpoint() {
		assertUnauthorizedOrForbidden(this.api.get("/logout", Map.of()), 401, "unauthenticated");
		assertUnauthorizedOrForbidden(this.api.post("/logout", "", Map.of()), 401, "unauthenticated");
		ApiClient.Response authenticated = this.api.post("/logout", "", ApiClient.apiKey(ALICE_KEY));
		assertThat(authenticated.status()).as(authenticated.text()).isIn(404, 405);
		assertThat(authenticated.contentType()).startsWith("application/problem+json");
		assertThat(authenticated.header("Location")).isNull();
	}

	@Test
	void actuatorIsNotOnTheApiPort() {
		assertThat(this.api.get("/actuator/prometheus", ApiClient.apiKey(ALICE_KEY)).status()).isIn(401, 403, 404);
		assertThat(this.api.get("/actuator/prometheus", Map.of()).status()).isEqualTo(401);
	}

	private static void assertUnauthorizedOrForbidden(ApiClient.Response response, int status, String code) {
		assertThat(response.status()).as(response.text()).isEqualTo(status);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.json().get("code").asString()).isEqualTo(code);
	}

}
