package io.presign.signing;

import org.jspecify.annotations.Nullable;

/**
 * STS or IAM did not carry out a revocation. The fault is the service's or its
 * permissions', not the caller's.
 */
public final class RevocationFailedException extends RuntimeException {

	private final @Nullable String awsCode;

	/**
	 * @param message what failed, without secrets
	 * @param awsCode the AWS error code, such as {@code AccessDenied}, when AWS answered
	 */
	RevocationFailedException(String message, @Nullable String awsCode, Throwable cause) {
		super(message, cause);
		this.awsCode = awsCode;
	}

	public @Nullable String awsCode() {
		return this.awsCode;
	}

}
