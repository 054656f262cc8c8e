package io.presign.signing;

import java.util.Map;

import io.presign.policy.RefusedException;
import io.presign.policy.Rule;
import org.jspecify.annotations.Nullable;

/**
 * STS or IAM did not carry out a revocation. The fault is the service's or its
 * permissions', not the caller's.
 */
public final class RevocationFailedException extends RefusedException {

	private final @Nullable String awsCode;

	RevocationFailedException(String message, @Nullable String awsCode, Throwable cause) {
		super(Rule.REVOCATION_FAILED, null, message, (awsCode != null) ? Map.of("awsCode", awsCode) : Map.of(), null,
				cause);
		this.awsCode = awsCode;
	}

	public @Nullable String awsCode() {
		return this.awsCode;
	}

	/**
	 * What failed, without the SDK's text; AWS's code says what to grant.
	 */
	@Override
	public String detail() {
		return (this.awsCode != null)
				? super.detail() + "; the service's identity needs sts:AssumeRole, "
						+ "iam:PutRolePolicy, iam:GetRolePolicy and iam:ListRolePolicies on the signing role"
				: super.detail();
	}

}
