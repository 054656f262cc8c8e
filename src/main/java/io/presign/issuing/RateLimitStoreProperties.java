package io.presign.issuing;

import java.time.Duration;
import java.util.Locale;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the profiles' rate limits are counted, under {@code presign.rate-limit}.
 *
 * @param store {@code memory}: each replica counts alone, so N replicas allow up to N
 * times a limit; {@code redis}: every replica counts in one Redis (Spring Boot's
 * {@code spring.data.redis.*} connection)
 * @param onStoreFailure what a request does when Redis cannot answer: {@code fail-open}
 * issues without counting, {@code fail-closed} refuses with 503
 * {@code rate-limit-unavailable}
 * @param storeTimeout how long one Redis call may take before it counts as a failure
 */
@ConfigurationProperties("presign.rate-limit")
@Validated
public record RateLimitStoreProperties(@DefaultValue("memory") @NotNull Store store,
		@DefaultValue("fail-open") @NotNull OnStoreFailure onStoreFailure,
		@DefaultValue("500ms") @NotNull Duration storeTimeout) {

	/**
	 * Where limits are counted.
	 */
	public enum Store {

		/** In each replica's memory. */
		MEMORY,

		/** In one Redis shared by every replica. */
		REDIS

	}

	/**
	 * What a request does when the store fails.
	 */
	public enum OnStoreFailure {

		/** Issue without counting: availability over the limit. */
		FAIL_OPEN,

		/** Refuse: the limit over availability. */
		FAIL_CLOSED;

		/**
		 * @return the name as configured, {@code fail-open} or {@code fail-closed}
		 */
		public String wireName() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

}
