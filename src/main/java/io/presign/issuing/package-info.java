/**
 * One request's path: {@link io.presign.issuing.UrlIssuer} lets the policy decide, the quota count, the signer
 * sign and the observers record; multipart calls go through {@link io.presign.issuing.MultipartSessions}.
 */
@NullMarked
package io.presign.issuing;

import org.jspecify.annotations.NullMarked;

