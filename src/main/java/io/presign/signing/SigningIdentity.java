package io.presign.signing;

import java.time.Instant;
import java.util.Optional;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * The credentials a URL is signed with, resolved once per issuance so that the expiry cap and the
 * signature come from the same credentials.
 */
public record SigningIdentity(AwsCredentials credentials) {

	/**
	 * @return when the credentials stop working, if they expire
	 */
	public Optional<Instant> expiresAt() {
		return this.credentials.expirationTime();
	}

	/**
	 * @return {@code session} for temporary credentials, {@code static} for long-term keys
	 */
	public String type() {
		return (this.credentials instanceof AwsSessionCredentials) ? "session" : "static";
	}

	@Override
	public String toString() {
		return "SigningIdentity[accessKeyId=" + this.credentials.accessKeyId() + ", type=" + type() + ", expiresAt="
				+ expiresAt().map(Instant::toString).orElse("never") + "]";
	}

}
