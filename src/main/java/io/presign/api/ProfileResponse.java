package io.presign.api;

import java.util.List;

import io.presign.policy.Caller;
import io.presign.policy.Operation;
import io.presign.policy.Profile;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A profile's limits, so a frontend can validate before it asks.
 *
 * @param name the profile name
 * @param operations what it allows this caller
 * @param contentTypes the media types uploads may declare
 * @param maxContentLength the largest upload in bytes
 * @param defaultExpirySeconds the lifetime when none is asked for
 * @param maxExpirySeconds the longest lifetime that may be asked for
 */
@Schema(description = "A profile the caller may use, with its limits")
public record ProfileResponse(@Schema(example = "avatars") String name,
		@Schema(example = "[\"download\",\"upload\"]") List<String> operations,
		@Schema(example = "[\"image/png\",\"image/*\"]") List<String> contentTypes,
		@Schema(example = "10485760") long maxContentLength, @Schema(example = "300") long defaultExpirySeconds,
		@Schema(example = "3600") long maxExpirySeconds) {

	static ProfileResponse of(Profile profile, Caller caller) {
		return new ProfileResponse(profile.name(),
				profile.operationsFor(caller).stream().sorted().map(Operation::wireName).toList(),
				profile.contentTypes().allowed(), profile.maxContentLength(),
				profile.expiry().defaultExpiry().toSeconds(), profile.expiry().maxExpiry().toSeconds());
	}

}
