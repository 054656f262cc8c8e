package io.presign.signing;

import org.jspecify.annotations.Nullable;

/**
 * What the start-up check learned of one profile's bucket region.
 *
 * @param configured the region the profile signs for
 * @param actual the bucket's real region; none when S3 did not tell
 * @param detail why the region could not be verified
 */
public record BucketRegion(String profile, String bucket, String configured, @Nullable String actual,
		@Nullable String detail) {

	/**
	 * @return {@code match}, {@code mismatch}, {@code unverified} or {@code unchecked}
	 */
	public String state() {
		if (this.actual == null) {
			return (this.detail != null) ? "unverified" : "unchecked";
		}
		return this.actual.equals(this.configured) ? "match" : "mismatch";
	}

	/**
	 * @return whether the bucket is known to be elsewhere
	 */
	public boolean mismatched() {
		return "mismatch".equals(state());
	}

	String describe() {
		return "Bucket '" + this.bucket + "' of profile '" + this.profile + "' is in region '" + this.actual
				+ "', but the profile is configured for region '" + this.configured + "'";
	}

}
