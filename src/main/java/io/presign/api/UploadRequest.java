package io.presign.api;

import io.presign.policy.UploadIntent;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;

/**
 * Body of {@code POST /v1/uploads}.
 *
 * @param profile the profile to use
 * @param key the key below the caller's prefix; on profiles that generate keys, a file name whose extension
 * is kept
 * @param fullKey the full object key; instead of {@code key}
 * @param contentType the Content-Type the client will send
 * @param contentLength the exact number of bytes the client will send
 * @param expiresInSeconds the wished lifetime of the URL
 */
@Schema(description = "A request for a presigned PUT URL")
public record UploadRequest(@Schema(example = "avatars") @NotBlank String profile,
		@Schema(example = "photos/cat.png",
				description = "Key below the caller's prefix; on profiles with key-strategy generated, only its "
						+ "extension is used") String key,
		@Schema(example = "users/alice/photos/cat.png",
				description = "The full key; must lie under the caller's prefix (else 403). Give key or fullKey") String fullKey,
		@Schema(example = "image/png", description = "Signed: the PUT must send exactly this") String contentType,
		@Schema(example = "48213", description = "Signed: the PUT must send exactly this many bytes") Long contentLength,
		@Schema(example = "300", description = "Lifetime; the profile's default when absent") Long expiresInSeconds) implements ObjectRequest {

	UploadIntent toIntent() {
		return new UploadIntent(this.profile, this.key, this.fullKey, this.contentType, this.contentLength,
				this.expiresInSeconds);
	}

}
