/**
 * The checklist behind {@code /v1/diagnostics/{profile}}: why a URL of a profile would
 * fail.
 */
@NullMarked
package io.presign.diagnostics;

import org.jspecify.annotations.NullMarked;
