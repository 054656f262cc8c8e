package io.presign.signing;

import java.time.Instant;
import java.util.Optional;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * The credentials a URL is signed with, resolved once per issuance so that the expiry cap
 * and the signature come from the same credentials.
 */
public record SigningIdentity(AwsCredentials credentials) {

	/** What readiness and diagnostics say when long-term keys sign for AWS. */
	public static final String LONG_TERM_WARNING = "Signing with a long-term access key (AKIA...): a URL it signed "
			+ "can only be revoked by deactivating the key, for every URL at once; sign with a role "
			+ "(presign.signing.role or the pod's identity), whose sessions can be cut short";

	/**
	 * @return whether an access key id is an IAM user's long-term key rather than a
	 * session's
	 */
	public static boolean isLongTerm(String accessKeyId) {
		return accessKeyId.startsWith("AKIA");
	}

	/**
	 * @return when the credentials stop working, if they expire
	 */
	public Optional<Instant> expiresAt() {
		return this.credentials.expirationTime();
	}

	/**
	 * @return {@code session} for temporary credentials, {@code static} for long-term
	 * keys
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
