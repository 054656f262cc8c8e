/**
 * The multipart upload endpoints: start, part URLs, listing, completion and abort.
 */
@NullMarked
package io.presign.api.multipart;

import org.jspecify.annotations.NullMarked;
