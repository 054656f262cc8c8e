/**
 * The signing backend of Uppy 6's {@code @uppy/aws-s3} in {@code signRequest} mode, and
 * the ticket URLs that answer as S3 does.
 */
@NullMarked
package io.presign.api.uppy;

import org.jspecify.annotations.NullMarked;
