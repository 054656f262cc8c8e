package io.presign.policy;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a caller asks to complete: a multipart upload it started, from parts it names.
 *
 * @param profile the profile name
 * @param key the upload's key below the caller's prefix; none when {@code fullKey} is
 * given
 * @param fullKey the upload's full key, as the start answered it; none when {@code key}
 * is given
 * @param uploadId the upload
 * @param parts the parts to assemble, in order
 * @param checksumAlgorithm the algorithm of the whole object's checksum; none for no
 * checksum
 * @param checksum the whole object's checksum, base64, which S3 compares with the one it
 * combines from the parts' before it creates the object
 */
public record MultipartCompleteIntent(String profile, @Nullable String key, @Nullable String fullKey, String uploadId,
		List<PartRef> parts, @Nullable String checksumAlgorithm, @Nullable String checksum) {
}
