package io.presign.api;

import io.presign.policy.Disposition;
import io.presign.policy.PolicyViolation;
import io.presign.policy.Rule;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code disposition} request field, which is lower-case on the wire.
 */
final class Dispositions {

	private Dispositions() {
	}

	static @Nullable Disposition parse(@Nullable String disposition) {
		if (disposition == null) {
			return null;
		}
		return switch (disposition) {
			case "inline" -> Disposition.INLINE;
			case "attachment" -> Disposition.ATTACHMENT;
			default -> throw new PolicyViolation(Rule.REQUEST_INVALID, "disposition",
					"The disposition must be 'inline' or 'attachment'");
		};
	}

}
