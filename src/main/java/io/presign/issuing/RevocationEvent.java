package io.presign.issuing;

import java.time.Instant;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A revocation asked for, made or not.
 *
 * @param profile the profile whose URLs were to be revoked; none for all
 * @param reason why, as the admin gave it
 * @param outcome what came of it
 * @param revokedBefore URLs signed by sessions issued before this fail, when revoked
 */
public record RevocationEvent(@Nullable String profile, String reason, Outcome outcome,
		@Nullable Instant revokedBefore) {

	/**
	 * What came of a revocation.
	 */
	public enum Outcome {

		/** The deny policy is on the role and a new session signs. */
		REVOKED,

		/** The service's credentials cannot be revoked this way. */
		REFUSED,

		/** STS or IAM failed. */
		FAILED;

		public String wireName() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
