package io.presign.signing;

/**
 * S3 refused a call the service made for a client, for a reason in the client's request
 * (an unknown upload id, a wrong ETag, a part too small).
 */
public final class StorageRejectedException extends RuntimeException {

	private final int status;

	private final String s3Code;

	/**
	 * @param status S3's HTTP status
	 * @param s3Code S3's error code, such as {@code NoSuchUpload}
	 * @param message S3's message
	 */
	public StorageRejectedException(int status, String s3Code, String message) {
		super(message, null, false, false);
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
