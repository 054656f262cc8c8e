package io.presign.policy;

import org.jspecify.annotations.Nullable;

/**
 * A part of a multipart upload to assemble.
 *
 * @param partNumber its number
 * @param etag the ETag its upload returned
 * @param checksum the checksum its URL signed, base64, for a store whose listing of the
 * parts leaves it out; none for a part without one
 */
public record PartRef(int partNumber, String etag, @Nullable String checksum) {

	/**
	 * A part named without its checksum.
	 */
	public PartRef(int partNumber, String etag) {
		this(partNumber, etag, null);
	}

}
