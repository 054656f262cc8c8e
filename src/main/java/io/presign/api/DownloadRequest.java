package io.presign.api;

import java.util.List;

import io.presign.api.problem.ObjectRequest;
import io.presign.policy.DownloadIntent;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.NullUnmarked;

/**
 * Body of {@code POST /v1/downloads}.
 *
 * @param profile the profile to use
 * @param key the key below the caller's prefix
 * @param fullKey the full object key, as an upload returned it; instead of {@code key}
 * @param filename the file name browsers should save as
 * @param disposition {@code inline} or {@code attachment}
 * @param versionId the object version to read
 * @param expiresInSeconds the wished lifetime of the URL
 * @param ipRange the only client addresses the URL works from (CloudFront profiles)
 */
@Schema(description = "A request for a presigned GET URL")
@NullUnmarked
public record DownloadRequest(@Schema(example = "avatars") @NotBlank String profile,
		@Schema(example = "photos/cat.png", description = "Key below the caller's prefix") String key,
		@Schema(example = "users/alice/photos/cat.png",
				description = "The full key, as an upload returned it; must lie under the caller's prefix (else 403). "
						+ "Give key or fullKey") String fullKey,
		@Schema(example = "Cat photo.png",
				description = "Becomes a signed response-content-disposition") String filename,
		@Schema(example = "attachment", allowableValues = {
				"inline", "attachment" }) String disposition,
		@Schema(description = "Object version; the latest when absent") String versionId,
		@Schema(example = "300", description = "Lifetime; the profile's default when absent") Long expiresInSeconds,
		@Schema(example = "192.0.2.0/24",
				description = "Profiles with delivery: cloudfront only: the URL works only "
						+ "from these client addresses (a custom policy); an IPv4 CIDR block") String ipRange)
		implements
			ObjectRequest{

	@Override
	public List<String> namedKeys() {
		return ObjectRequest.named(this.key, this.fullKey);
	}

	DownloadIntent toIntent() {
		return new DownloadIntent(this.profile, this.key, this.fullKey, this.filename,
				Dispositions.parse(this.disposition), this.versionId, this.expiresInSeconds, this.ipRange);
	}

}
