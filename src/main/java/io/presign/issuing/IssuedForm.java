package io.presign.issuing;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.presign.policy.ExpiryCap;
import io.presign.policy.FormUploadGrant;
import io.presign.signing.PresignedForm;
import org.jspecify.annotations.Nullable;

/**
 * A signed browser form upload and the conditions it was signed for: POST the fields,
 * then the file as the last field named {@code file}.
 *
 * @param grant what policy allowed
 * @param url where the form posts to
 * @param fields the form fields, in order, policy and signature included
 * @param lifetime how long the policy lives
 * @param expiresAt when the policy expires
 * @param cappedBy what shortened the lifetime
 */
public record IssuedForm(FormUploadGrant grant, String url, Map<String, String> fields, Duration lifetime,
		Instant expiresAt, @Nullable ExpiryCap cappedBy) {

	static IssuedForm of(FormUploadGrant grant, PresignedForm form) {
		return new IssuedForm(grant, form.url().toString(), form.fields(), form.lifetime(), form.expiresAt(),
				form.cappedBy());
	}

}
