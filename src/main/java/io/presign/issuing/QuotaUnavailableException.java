package io.presign.issuing;

import java.time.Duration;
import java.util.Map;

import io.presign.policy.RefusedException;
import io.presign.policy.Rule;
import org.jspecify.annotations.Nullable;

/**
 * The shared rate-limit store cannot answer, and the deployment chose to refuse rather
 * than issue uncounted.
 */
public final class QuotaUnavailableException extends RefusedException {

	public QuotaUnavailableException(String message, @Nullable Throwable cause) {
		super(Rule.RATE_LIMIT_UNAVAILABLE, null, message, Map.of(), Duration.ofSeconds(5), cause);
	}

	@Override
	public String detail() {
		return "The rate-limit store cannot answer; try again shortly";
	}

}
