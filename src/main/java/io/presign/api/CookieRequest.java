package io.presign.api;

import io.presign.policy.CookieIntent;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.NullUnmarked;

/**
 * Body of {@code POST /v1/downloads/cookies}.
 *
 * @param profile a profile with {@code delivery: cloudfront}
 * @param keyPrefix a prefix below the caller's, empty or ending with '/'
 * @param expiresInSeconds the wished lifetime of the cookies
 * @param ipRange the only client addresses the cookies work from
 */
@Schema(description = "A request for CloudFront signed cookies covering every object under a prefix")
@NullUnmarked
public record CookieRequest(@Schema(example = "media") @NotBlank String profile,
		@Schema(example = "albums/2026/",
				description = "Below the caller's prefix; empty or ending with '/'. The "
						+ "caller's whole prefix when absent") String keyPrefix,
		@Schema(example = "3600", description = "Lifetime; the profile's default when absent") Long expiresInSeconds,
		@Schema(example = "192.0.2.0/24",
				description = "The cookies work only from these client addresses; an IPv4 CIDR block") String ipRange) {

	CookieIntent toIntent() {
		return new CookieIntent(this.profile, this.keyPrefix, this.expiresInSeconds, this.ipRange);
	}

}
