/**
 * One request's path, for every kind of URL and every multipart call:
 * {@link io.presign.issuing.UrlIssuer} lets the policy decide, the quota count, the
 * signer sign (or S3 act) and the observers record.
 */
@NullMarked
package io.presign.issuing;

import org.jspecify.annotations.NullMarked;
