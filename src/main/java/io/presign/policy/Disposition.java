package io.presign.policy;

/**
 * Whether a browser should show a downloaded object or save it.
 */
public enum Disposition {

	/** Show it in the browser when it can. */
	INLINE,

	/** Save it as a file. */
	ATTACHMENT

}
