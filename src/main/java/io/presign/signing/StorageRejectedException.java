package io.presign.signing;

import java.util.Map;

import io.presign.policy.RefusedException;
import io.presign.policy.Rule;

/**
 * S3 refused a call the service made for a client, for a reason in the client's request
 * (an unknown upload id, a wrong ETag, a part too small).
 */
public final class StorageRejectedException extends RefusedException {

	private final int status;

	private final String s3Code;

	public StorageRejectedException(int status, String s3Code, String message) {
		super(rule(status, s3Code), null, message, Map.of("s3Code", s3Code), null, null);
		this.status = status;
		this.s3Code = s3Code;
	}

	/**
	 * S3's refusal as the service answers it: a missing upload is 404, an object that
	 * exists where a create-only upload completes is 409 (412 {@code PreconditionFailed},
	 * or 409 {@code ConditionalRequestConflict} when two completions race), anything else
	 * the request's fault.
	 */
	private static Rule rule(int status, String s3Code) {
		if ("NoSuchUpload".equals(s3Code) || status == 404) {
			return Rule.UPLOAD_NOT_FOUND;
		}
		if (status == 412 || "ConditionalRequestConflict".equals(s3Code)) {
			return Rule.OBJECT_EXISTS;
		}
		return Rule.UPLOAD_REJECTED;
	}

	public int status() {
		return this.status;
	}

	public String s3Code() {
		return this.s3Code;
	}

}
