package io.presign.policy;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A completion of a multipart upload that policy allowed: the parts, as S3 holds them,
 * and the checksum S3 is to check the whole object against.
 *
 * @param parts the parts to assemble, in order, with their ETags as S3 listed them and,
 * with a checksum of the whole object, their checksums
 * @param wholeObject the whole object's checksum, a CRC as the caller computed it over
 * its file; none for an upload without one
 */
public record MultipartCompletion(List<UploadedPart> parts, @Nullable Checksum wholeObject) {

	public MultipartCompletion {
		parts = List.copyOf(parts);
	}

}
