package io.presign.policy;

/**
 * What shortened a URL's lifetime below what the caller asked for.
 */
public enum ExpiryCap {

	/** The profile's maximum, on a profile that caps rather than refuses. */
	POLICY("policy"),

	/** The signing credentials expire before the asked lifetime would end. */
	CREDENTIALS("credentials");

	private final String wireName;

	ExpiryCap(String wireName) {
		this.wireName = wireName;
	}

	/**
	 * @return the lower-case name used in responses and metrics
	 */
	public String wireName() {
		return this.wireName;
	}

}
