package io.presign.api;

import java.util.List;

import io.presign.policy.Caller;
import io.presign.policy.Operation;
import io.presign.policy.Profile;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A profile's limits, so a frontend can validate before it asks.
 *
 * @param name the profile name
 * @param operations what it allows this caller
 * @param contentTypes the media types uploads may declare
 * @param maxContentLength the largest upload in bytes
 * @param defaultExpirySeconds the lifetime when none is asked for
 * @param maxExpirySeconds the longest lifetime that may be asked for
 * @param overwrite {@code allow}, or {@code deny} where uploads only create objects
 * @param metadata the user metadata stamped on every uploaded object, by name
 * @param tags the tags stamped on every uploaded object
 * @param clientMetadata the metadata names a caller may set itself
 * @param storageClass the storage class of uploaded objects, where the profile sets one
 * @param requireChecksum the checksum every upload must carry, where the profile requires
 * one
 */
@Schema(description = "A profile the caller may use, with its limits")
public record ProfileResponse(@Schema(example = "avatars") String name,
		@Schema(example = "[\"download\",\"upload\"]") List<String> operations,
		@Schema(example = "[\"image/png\",\"image/*\"]") List<String> contentTypes,
		@Schema(example = "10485760") long maxContentLength, @Schema(example = "300") long defaultExpirySeconds,
		@Schema(example = "3600") long maxExpirySeconds, @Schema(example = "allow", allowableValues = {
				"allow", "deny" }) String overwrite,
		@Schema(example = "[\"uploaded-by\"]") List<String> metadata,
		@Schema(example = "[\"retention\"]") List<String> tags,
		@Schema(example = "[\"project\"]") List<String> clientMetadata,
		@Schema(example = "STANDARD_IA") @Nullable String storageClass,
		@Schema(example = "CRC32C") @Nullable String requireChecksum){

	static ProfileResponse of(Profile profile, Caller caller) {
		return new ProfileResponse(profile.name(),
				profile.operationsFor(caller).stream().sorted().map(Operation::wireName).toList(),
				profile.contentTypes().allowed(), profile.maxContentLength(),
				profile.expiry().defaultExpiry().toSeconds(), profile.expiry().maxExpiry().toSeconds(),
				profile.objects().createOnly() ? "deny" : "allow",
				profile.objects().metadata().keySet().stream().sorted().toList(),
				profile.objects().tags().keySet().stream().sorted().toList(),
				profile.objects().clientMetadata().stream().sorted().toList(), profile.objects().storageClass(),
				(profile.objects().requiredChecksum() != null) ? profile.objects().requiredChecksum().name() : null);
	}

}
