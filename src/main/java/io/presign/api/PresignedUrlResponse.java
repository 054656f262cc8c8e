package io.presign.api;

import java.time.Instant;
import java.util.Map;

import io.presign.issuing.IssuedUrl;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * A presigned URL and exactly what the client must send with it.
 *
 * @param method the HTTP method to use
 * @param headers headers that were signed: send each exactly as given, or S3 answers 403
 * @param key the full object key
 * @param expiresAt when the URL stops working
 * @param expiresInSeconds the lifetime the URL was signed for
 * @param expiryCappedBy {@code credentials} or {@code policy} when the lifetime is
 * shorter than asked; absent otherwise
 * @param contentLength the object's size, where the profile asks S3 before issuing a
 * download
 * @param contentType the object's Content-Type, likewise
 * @param lastModified when the object was last written, likewise
 */
@Schema(description = "A presigned URL and the headers that must accompany it")
public record PresignedUrlResponse(@Schema(example = "PUT") String method, @Schema(
		example = "https://my-avatars.s3.eu-west-1.amazonaws.com/users/alice/photos/cat.png?X-Amz-Algorithm=AWS4-HMAC-SHA256&...") String url,
		@Schema(example = "{\"Content-Type\":\"image/png\",\"Content-Length\":\"48213\"}") Map<String, String> headers,
		@Schema(example = "my-avatars") String bucket, @Schema(example = "users/alice/photos/cat.png") String key,
		@JsonSerialize(using = ExpiryInstantSerializer.class) Instant expiresAt,
		@Schema(example = "300") long expiresInSeconds, @Schema(allowableValues = {
				"credentials", "policy" },
				description = "Present when the URL lives shorter than asked: the signing credentials end sooner "
						+ "(credentials) or the profile caps the wish at its max-expiry (policy)") @Nullable String expiryCappedBy,
		@Schema(example = "48213",
				description = "The object's size; present on downloads of profiles with "
						+ "require-existing, which ask S3 first") @Nullable Long contentLength,
		@Schema(example = "image/png",
				description = "The object's Content-Type, as S3 holds it; likewise") @Nullable String contentType,
		@Schema(description = "When the object was last written; likewise") @Nullable Instant lastModified){

	/**
	 * @return the answer for an issued URL
	 */
	public static PresignedUrlResponse of(IssuedUrl issued) {
		IssuedUrl.ObjectFacts object = issued.object();
		return new PresignedUrlResponse(issued.method(), issued.url(), issued.headers(), issued.profile().bucket(),
				issued.key(), issued.expiresAt(), issued.lifetime().toSeconds(),
				(issued.cappedBy() != null) ? issued.cappedBy().wireName() : null,
				(object != null) ? object.contentLength() : null, (object != null) ? object.contentType() : null,
				(object != null) ? object.lastModified() : null);
	}

}
