package io.presign.signing;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What S3 says of a stored object, from its HeadObject answer.
 *
 * @param contentLength the object's size in bytes
 * @param contentType its Content-Type, if S3 has one
 * @param lastModified when it was last written
 */
public record StoredObject(long contentLength, @Nullable String contentType, @Nullable Instant lastModified) {
}
