package io.presign.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * A token issuer the tests own: an RSA key pair, a JWKS endpoint on the loopback
 * interface serving its public half, and RS256 tokens signed with its private half.
 */
public final class TestJwtIssuer {

	/** The issuer claim the service is configured to accept. */
	public static final String ISSUER = "https://issuer.test";

	/** The audience the service is configured to accept. */
	public static final String AUDIENCE = "presign-service";

	private static TestJwtIssuer shared;

	private final RSAKey key;

	private final HttpServer server;

	private TestJwtIssuer(RSAKey key, HttpServer server) {
		this.key = key;
		this.server = server;
	}

	/**
	 * One issuer for the whole test JVM.
	 * @return the shared issuer
	 */
	public static synchronized TestJwtIssuer shared() {
		if (shared == null) {
			RSAKey key = generateKey("test-key");
			try {
				HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
				byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
				server.createContext("/jwks.json", (exchange) -> {
					exchange.getResponseHeaders().set("Content-Type", "application/json");
					exchange.sendResponseHeaders(200, jwks.length);
					try (OutputStream body = exchange.getResponseBody()) {
						body.write(jwks);
					}
				});
				server.start();
				shared = new TestJwtIssuer(key, server);
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return shared;
	}

	/**
	 * A fresh RSA key that the service does not trust.
	 * @param keyId the key id to put in token headers
	 * @return the key
	 */
	public static RSAKey generateKey(String keyId) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
				.keyID(keyId)
				.build();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @return the JWKS URI to configure
	 */
	public URI jwkSetUri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/jwks.json");
	}

	/**
	 * A valid token for a subject with scopes.
	 * @param subject the {@code sub} claim
	 * @param scope the space-separated {@code scope} claim
	 * @return the serialized token
	 */
	public String token(String subject, String scope) {
		return token(this.key, claims(subject, scope).build());
	}

	/**
	 * Claims that pass every check, to adjust before signing.
	 * @param subject the {@code sub} claim
	 * @param scope the {@code scope} claim
	 * @return a claims builder
	 */
	public JWTClaimsSet.Builder claims(String subject, String scope) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(ISSUER)
			.audience(AUDIENCE)
			.subject(subject)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.claim("scope", scope);
	}

	/**
	 * Sign claims with the trusted key.
	 * @param claims the claims
	 * @return the serialized token
	 */
	public String sign(JWTClaimsSet claims) {
		return token(this.key, claims);
	}

	/**
	 * Sign claims with any key.
	 * @param signingKey the key
	 * @param claims the claims
	 * @return the serialized token
	 */
	public static String token(RSAKey signingKey, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(), claims);
			jwt.sign(new RSASSASigner(signingKey));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @return the properties that make the service trust this issuer
	 */
	public Map<String, Object> properties() {
		return Map.of("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", jwkSetUri().toString(),
				"spring.security.oauth2.resourceserver.jwt.issuer-uri", ISSUER,
				"spring.security.oauth2.resourceserver.jwt.audiences", AUDIENCE);
	}

}
