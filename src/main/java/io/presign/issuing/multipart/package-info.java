/**
 * Multipart uploads, every step of them, in one service for the JSON API and for upload
 * widgets: the start, the part URLs, the listing, the one completion path, the abort, and
 * the tickets that let a widget reach the service's own steps without its credentials.
 */
@NullMarked
package io.presign.issuing.multipart;

import org.jspecify.annotations.NullMarked;
