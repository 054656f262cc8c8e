package io.presign.issuing.multipart;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.presign.policy.PolicyViolation;
import io.presign.policy.Rule;
import org.jspecify.annotations.Nullable;

/**
 * Tickets for the service's own steps of a multipart upload that a browser widget drives
 * (starting it, so that the content type is checked; completing it, so that the total
 * size is): HMAC-SHA256 over what the caller was allowed, so that the step needs no
 * credentials of the caller's yet does only that.
 */
final class UploadTickets {

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

	private static final int FIELDS = 8;

	/**
	 * Names the format, so that no other HMAC over the same key could pass for a ticket.
	 */
	private static final String PURPOSE = "presign-upload-ticket-v1";

	private final SecretKeySpec key;

	private final Clock clock;

	/**
	 * @param secret the shared secret; none for a random one
	 */
	UploadTickets(@Nullable String secret, Clock clock) {
		byte[] bytes;
		if (secret != null) {
			bytes = secret.getBytes(StandardCharsets.UTF_8);
		}
		else {
			bytes = new byte[32];
			new SecureRandom().nextBytes(bytes);
		}
		this.key = new SecretKeySpec(bytes, "HmacSHA256");
		this.clock = clock;
	}

	/**
	 * @return the ticket, URL-safe
	 */
	String issue(Ticket ticket) {
		String payload = String.join(".", encode(PURPOSE), encode(ticket.step().name()), encode(ticket.profile()),
				encode(ticket.bucket()), encode(ticket.principal()), encode(ticket.key()),
				encode((ticket.uploadId() != null) ? ticket.uploadId() : ""),
				encode(Long.toString(ticket.expiresAt().getEpochSecond())));
		return payload + "." + ENCODER.encodeToString(mac(payload));
	}

	/**
	 * @param step the step the ticket must be for
	 * @return what the ticket allows
	 * @throws PolicyViolation 403 {@code ticket-invalid} for a ticket forged, altered,
	 * for another step, or expired
	 */
	Ticket redeem(@Nullable String token, Step step) {
		if (token == null) {
			throw invalid("No ticket");
		}
		int last = token.lastIndexOf('.');
		String[] fields = (last > 0) ? token.substring(0, last).split("\\.", -1) : new String[0];
		if (fields.length != FIELDS) {
			throw invalid("The ticket is malformed");
		}
		byte[] signature;
		try {
			signature = DECODER.decode(token.substring(last + 1));
		}
		catch (IllegalArgumentException ex) {
			throw invalid("The ticket is malformed");
		}
		if (!MessageDigest.isEqual(signature, mac(token.substring(0, last)))) {
			throw invalid("The ticket's signature does not match");
		}
		Ticket ticket;
		try {
			if (!PURPOSE.equals(decode(fields[0]))) {
				throw invalid("The ticket is malformed");
			}
			String uploadId = decode(fields[6]);
			ticket = new Ticket(Step.valueOf(decode(fields[1])), decode(fields[2]), decode(fields[3]),
					decode(fields[4]), decode(fields[5]), uploadId.isEmpty() ? null : uploadId,
					Instant.ofEpochSecond(Long.parseLong(decode(fields[7]))));
		}
		catch (IllegalArgumentException ex) {
			throw invalid("The ticket is malformed");
		}
		if (ticket.step() != step) {
			throw invalid("The ticket is for another step of the upload");
		}
		if (!this.clock.instant().isBefore(ticket.expiresAt())) {
			throw invalid("The ticket expired at " + ticket.expiresAt());
		}
		return ticket;
	}

	private byte[] mac(String payload) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is unavailable", ex);
		}
	}

	static PolicyViolation invalid(String detail) {
		return new PolicyViolation(Rule.TICKET_INVALID, "ticket", detail);
	}

	private static String encode(String value) {
		return ENCODER.encodeToString(value.getBytes(StandardCharsets.UTF_8));
	}

	private static String decode(String value) {
		return new String(DECODER.decode(value), StandardCharsets.UTF_8);
	}

	/**
	 * The service's own steps of such an upload.
	 */
	enum Step {

		/** CreateMultipartUpload, with the content type checked. */
		START,

		/** CompleteMultipartUpload, with the total size checked. */
		COMPLETE

	}

	/**
	 * What a ticket allows.
	 *
	 * @param step the one step it is for
	 * @param profile the profile policy allowed it on
	 * @param bucket the profile's bucket then
	 * @param principal who was allowed, for the audit trail
	 * @param key the upload's full key
	 * @param uploadId the upload, for completion
	 * @param expiresAt when it stops working
	 */
	record Ticket(Step step, String profile, String bucket, String principal, String key, @Nullable String uploadId,
			Instant expiresAt) {
	}

}
