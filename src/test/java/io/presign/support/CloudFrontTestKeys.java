package io.presign.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/**
 * A CloudFront key pair for tests, its private key written as the service reads it (PEM,
 * PKCS#8).
 */
public final class CloudFrontTestKeys {

	private CloudFrontTestKeys() {
	}

	public static KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @return a temporary file holding the private key, deleted when the JVM exits
	 */
	public static Path writePem(KeyPair keys) {
		try {
			Path pem = Files.createTempFile("cloudfront", ".pem");
			pem.toFile().deleteOnExit();
			Files.writeString(pem,
					"-----BEGIN PRIVATE KEY-----\n"
							+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
								.encodeToString(keys.getPrivate().getEncoded())
							+ "\n-----END PRIVATE KEY-----\n");
			return pem;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
