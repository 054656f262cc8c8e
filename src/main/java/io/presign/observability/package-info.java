/**
 * Meters, the audit log, request ids and client addresses.
 */
@NullMarked
package io.presign.observability;

import org.jspecify.annotations.NullMarked;
