package io.presign.policy;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a caller asks to presign: some parts of a multipart upload it started.
 *
 * @param profile the profile name
 * @param key the upload's key below the caller's prefix; none when {@code fullKey} is
 * given
 * @param fullKey the upload's full key, as the start answered it; none when {@code key}
 * is given
 * @param uploadId the upload
 * @param contentLength the upload's declared total size, which fixes each part's signed
 * length
 * @param partNumbers the parts
 * @param expiresInSeconds the wished expiry; none for the profile's default
 * @param checksumAlgorithm the upload's checksum algorithm, as given at the start; none
 * for an upload without one
 * @param checksums each part's checksum, base64, in the order of {@code partNumbers}
 */
public record UploadPartsIntent(String profile, @Nullable String key, @Nullable String fullKey, String uploadId,
		@Nullable Long contentLength, List<@Nullable Integer> partNumbers, @Nullable Long expiresInSeconds,
		@Nullable String checksumAlgorithm, @Nullable List<@Nullable String> checksums) {
}
