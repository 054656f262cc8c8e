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
