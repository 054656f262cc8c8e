/**
 * The service's own {@link io.presign.signing.UrlSigner} over the AWS SDK: one presigner
 * per region and endpoint, expiry capped by the signing credentials, the signing role
 * session, the POST policy signer, the multipart calls and the start-up region check.
 */
@NullMarked
package io.presign.signing;

import org.jspecify.annotations.NullMarked;
