package io.presign.policy;

/**
 * What a presigned URL lets its holder do with one object.
 */
public enum Operation {

	/** Read the object with a presigned GET. */
	DOWNLOAD("download"),

	/** Write the object with a presigned PUT. */
	UPLOAD("upload");

	private final String wireName;

	Operation(String wireName) {
		this.wireName = wireName;
	}

	/**
	 * The lower-case name used in configuration, responses and metrics.
	 * @return the wire name, for example {@code upload}
	 */
	public String wireName() {
		return this.wireName;
	}

}
