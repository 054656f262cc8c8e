package io.presign.issuing.multipart;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.presign.policy.Caller;
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

	private static final int FIELDS = 9;

	/**
	 * Names the format, so that no other HMAC over the same key could pass for a ticket.
	 * (Version 2 carries how the caller authenticated, so that a redemption counts
	 * against the caller's own rate limit.)
	 */
	private static final String PURPOSE = "presign-upload-ticket-v2";

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
				encode(ticket.bucket()), encode(ticket.principal()), encode(ticket.authMethod().name()),
				encode(ticket.key()), encode((ticket.uploadId() != null) ? ticket.uploadId() : ""),
				encode(Long.toString(ticket.expiresAt().getEpochSecond())));
		return payload + "." + ENCODER.encodeToString(mac(payload));
	}

	/**
	 * @param step the step the ticket must be for
	 * @return what the ticket allows, and its id
	 * @throws PolicyViolation 403 {@code ticket-invalid} for a ticket forged, altered,
	 * spelt in other than canonical base64url, for another step, or expired
	 */
	Redeemed redeem(@Nullable String token, Step step) {
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
			signature = decodeStrictly(token.substring(last + 1));
		}
		catch (IllegalArgumentException ex) {
			throw invalid("The ticket is malformed");
		}
		byte[] expected = mac(token.substring(0, last));
		if (!MessageDigest.isEqual(signature, expected)) {
			throw invalid("The ticket's signature does not match");
		}
		Ticket ticket;
		try {
			if (!PURPOSE.equals(decode(fields[0]))) {
				throw invalid("The ticket is malformed");
			}
			String uploadId = decode(fields[7]);
			ticket = new Ticket(Step.valueOf(decode(fields[1])), decode(fields[2]), decode(fields[3]),
					decode(fields[4]), Caller.AuthMethod.valueOf(decode(fields[5])), decode(fields[6]),
					uploadId.isEmpty() ? null : uploadId, Instant.ofEpochSecond(Long.parseLong(decode(fields[8]))));
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
		// The id is the signature this service computed, never the client's spelling of
		// it: one ticket, one id.
		return new Redeemed(ticket, ENCODER.encodeToString(expected));
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
		return new String(decodeStrictly(value), StandardCharsets.UTF_8);
	}

	/**
	 * Base64url without padding, in its one canonical spelling: Java's decoder ignores
	 * the unused bits of the last character, so that four spellings would decode alike.
	 */
	private static byte[] decodeStrictly(String value) {
		byte[] bytes = DECODER.decode(value);
		if (!ENCODER.encodeToString(bytes).equals(value)) {
			throw new IllegalArgumentException("Not canonical base64url");
		}
		return bytes;
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
	 * @param principal who was allowed, for the audit trail and the rate limit
	 * @param authMethod how the principal authenticated, for the same
	 * @param key the upload's full key
	 * @param uploadId the upload, for completion
	 * @param expiresAt when it stops working
	 */
	record Ticket(Step step, String profile, String bucket, String principal, Caller.AuthMethod authMethod, String key,
			@Nullable String uploadId, Instant expiresAt) {

		/**
		 * @return the caller the ticket was issued to, as far as the ticket tells (no
		 * scopes: the ticket is the authorization)
		 */
		Caller caller() {
			return new Caller(this.principal, Set.of(), this.authMethod);
		}

	}

	/**
	 * A ticket that passed every check.
	 *
	 * @param ticket what it allows
	 * @param id what tells it from every other ticket: its signature, as this service
	 * computed it
	 */
	record Redeemed(Ticket ticket, String id) {
	}

}
