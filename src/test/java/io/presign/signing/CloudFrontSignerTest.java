package io.presign.signing;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A CloudFront key that cannot be used fails start-up with a message saying what to do,
 * never the first download.
 */
class CloudFrontSignerTest {

	@Test
	void aPkcs1KeySaysHowToConvertIt() {
		assertThatIllegalStateException()
			.isThrownBy(() -> CloudFrontSigner.readPrivateKey(
					pem("-----BEGIN RSA PRIVATE KEY-----\nMIIB\n" + "-----END RSA PRIVATE KEY-----\n"),
					"file:/secrets/cf.pem"))
			.withMessageContaining("file:/secrets/cf.pem")
			.withMessageContaining("openssl pkcs8 -topk8 -nocrypt");
	}

	@Test
	void somethingElseIsNamedAsSuch() {
		assertThatIllegalStateException()
			.isThrownBy(() -> CloudFrontSigner.readPrivateKey(pem("not a key"), "classpath:cf.pem"))
			.withMessageContaining("is not a PEM 'BEGIN PRIVATE KEY' block");
		assertThatIllegalStateException()
			.isThrownBy(() -> CloudFrontSigner.readPrivateKey(
					pem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"), "classpath:cf.pem"))
			.withMessageContaining("is not an RSA key");
		assertThatIllegalStateException()
			.isThrownBy(() -> CloudFrontSigner.readPrivateKey(new FileSystemResource("/nonexistent/cf.pem"),
					"file:/nonexistent/cf.pem"))
			.withMessageContaining("Cannot read the CloudFront private key at file:/nonexistent/cf.pem");
	}

	private static ByteArrayResource pem(String text) {
		return new ByteArrayResource(text.getBytes(StandardCharsets.US_ASCII));
	}

}
