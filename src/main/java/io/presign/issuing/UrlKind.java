package io.presign.issuing;

/**
 * What an issued URL lets its holder do, as metrics and audit name it.
 */
public enum UrlKind {

	/** A presigned GET. */
	DOWNLOAD("download"),

	/** A presigned PUT. */
	UPLOAD("upload"),

	/** A browser form POST with a signed policy. */
	FORM_UPLOAD("form-upload"),

	/** A presigned UploadPart of a multipart upload. */
	MULTIPART_PART("multipart-part"),

	/** A presigned ListParts of a multipart upload. */
	MULTIPART_LIST("multipart-list"),

	/** A presigned AbortMultipartUpload. */
	MULTIPART_ABORT("multipart-abort"),

	/** A ticket for the service's own start or completion step of a multipart upload. */
	MULTIPART_TICKET("multipart-ticket"),

	/** CloudFront signed cookies for a prefix. */
	COOKIES("cookies");

	private final String wireName;

	UrlKind(String wireName) {
		this.wireName = wireName;
	}

	/**
	 * @return the lower-case name, for example {@code multipart-part}
	 */
	public String wireName() {
		return this.wireName;
	}

}
