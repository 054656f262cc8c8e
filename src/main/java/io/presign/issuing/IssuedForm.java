package io.presign.issuing;

import io.presign.policy.FormUploadGrant;
import io.presign.signing.PresignedForm;

/**
 * A signed browser form upload and the conditions it was signed for.
 *
 * @param grant what policy allowed
 * @param form the signed form
 */
public record IssuedForm(FormUploadGrant grant, PresignedForm form) {
}
