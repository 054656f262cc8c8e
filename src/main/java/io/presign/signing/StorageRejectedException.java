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
		super(("NoSuchUpload".equals(s3Code) || status == 404) ? Rule.UPLOAD_NOT_FOUND : Rule.UPLOAD_REJECTED, null,
				message, Map.of("s3Code", s3Code), null, null);
		this.status = status;
		this.s3Code = s3Code;
	}

	public int status() {
		return this.status;
	}

	public String s3Code() {
		return this.s3Code;
	}

}
