/**
 * presign-service: issues Amazon S3 presigned URLs under per-profile policy.
 */
@NullMarked
package io.presign;

import org.jspecify.annotations.NullMarked;
