package io.presign.policy;

/**
 * Who names uploaded objects.
 */
public enum KeyStrategy {

	/** The client chooses the key below its prefix. */
	CLIENT,

	/**
	 * The service picks {@code prefix + UUID + extension}; clients cannot choose names at
	 * all.
	 */
	GENERATED

}
