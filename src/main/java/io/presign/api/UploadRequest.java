package io.presign.api;

import java.util.List;

import io.presign.api.problem.ObjectRequest;
import io.presign.policy.UploadIntent;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.NullUnmarked;

/**
 * Body of {@code POST /v1/uploads}.
 *
 * @param profile the profile to use
 * @param key the key below the caller's prefix; on profiles that generate keys, a file
 * name whose extension is kept
 * @param fullKey the full object key; instead of {@code key}
 * @param contentType the Content-Type the client will send
 * @param contentLength the exact number of bytes the client will send
 * @param expiresInSeconds the wished lifetime of the URL
 * @param contentMd5 the base64 MD5 of the body: signed in, so S3 refuses another body
 * @param checksumSha256 the base64 SHA-256 of the body: signed in, so S3 refuses another
 * body
 */
@Schema(description = "A request for a presigned PUT URL")
@NullUnmarked
public record UploadRequest(@Schema(example = "avatars") @NotBlank String profile,
		@Schema(example = "photos/cat.png",
				description = "Key below the caller's prefix; on profiles with key-strategy generated, only its "
						+ "extension is used") String key,
		@Schema(example = "users/alice/photos/cat.png",
				description = "The full key; must lie under the caller's prefix (else 403). Give key or fullKey") String fullKey,
		@Schema(example = "image/png", description = "Signed: the PUT must send exactly this") String contentType,
		@Schema(example = "48213",
				description = "Signed: the PUT must send exactly this many bytes") Long contentLength,
		@Schema(example = "300", description = "Lifetime; the profile's default when absent") Long expiresInSeconds,
		@Schema(example = "1B2M2Y8AsgTpgAmY7PhCfg==",
				description = "Base64 MD5 of the body; signed as Content-MD5, S3 answers 400 BadDigest for another body") String contentMd5,
		@Schema(example = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
				description = "Base64 SHA-256 of the body; signed as x-amz-checksum-sha256") String checksumSha256)
		implements
			ObjectRequest {

	@Override
	public List<String> namedKeys() {
		return ObjectRequest.named(this.key, this.fullKey);
	}

	UploadIntent toIntent() {
		return new UploadIntent(this.profile, this.key, this.fullKey, this.contentType, this.contentLength,
				this.expiresInSeconds, this.contentMd5, this.checksumSha256);
	}

}
