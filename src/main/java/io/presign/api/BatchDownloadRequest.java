package io.presign.api;

import java.util.List;

import io.presign.api.problem.ObjectRequest;
import io.presign.policy.BatchDownloadIntent;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.NullUnmarked;

/**
 * Body of {@code POST /v1/downloads/batch}.
 *
 * @param profile the profile to use
 * @param keys keys below the caller's prefix
 * @param fullKeys full object keys, as uploads returned them
 * @param disposition {@code inline} or {@code attachment}, for every URL
 * @param expiresInSeconds the wished lifetime of every URL
 */
@Schema(description = "Download URLs for many objects of one profile")
@NullUnmarked
public record BatchDownloadRequest(@Schema(example = "avatars") @NotBlank String profile,
		@Schema(example = "[\"photos/cat.png\",\"photos/dog.png\"]") List<String> keys,
		@Schema(example = "[\"users/alice/3f0c7a1e-5b9e-4d8e-9a51-2c6f3e1b7d20.png\"]") List<String> fullKeys,
		@Schema(example = "inline", allowableValues = {
				"inline", "attachment" }) String disposition,
		@Schema(example = "300") Long expiresInSeconds) implements ObjectRequest{

	@Override
	public List<String> namedKeys() {
		return ObjectRequest.named(this.keys, this.fullKeys);
	}

	BatchDownloadIntent toIntent() {
		return new BatchDownloadIntent(this.profile, this.keys, this.fullKeys, Dispositions.parse(this.disposition),
				this.expiresInSeconds);
	}

}
