/**
 * The HTTP API: controllers, request and response records, problem documents and the
 * OpenAPI description.
 */
@NullMarked
package io.presign.api;

import org.jspecify.annotations.NullMarked;
