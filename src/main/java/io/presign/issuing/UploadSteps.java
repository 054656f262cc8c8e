package io.presign.issuing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.presign.policy.Caller;
import io.presign.policy.PolicyViolation;
import io.presign.policy.PresignPolicy;
import io.presign.policy.Profile;
import io.presign.policy.Rule;
import io.presign.policy.UnsizedUploadGrant;
import io.presign.signing.MultipartUploads;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * The steps of a multipart upload that a browser widget drives call by call and that the
 * service must take itself, because S3 cannot check them on a presigned request: starting
 * it (the widget's Content-Type against the profile's) and completing it (the total size
 * against the profile's maximum, since parts signed without knowing the file's size carry
 * no length). The widget gets a ticket for each step when it asks, and redeems it at the
 * service's own URL without credentials.
 */
@Service
public final class UploadSteps {

	private static final Logger log = LoggerFactory.getLogger(UploadSteps.class);

	/** The longest a ticket works, whatever the profile's URLs may. */
	static final Duration MAX_TICKET_LIFETIME = Duration.ofMinutes(5);

	private final PresignPolicy policy;

	private final MultipartUploads uploads;

	private final IssuanceQuota quota;

	private final List<IssuanceObserver> observers;

	private final UploadTickets tickets;

	private final Clock clock;

	UploadSteps(PresignPolicy policy, MultipartUploads uploads, IssuanceQuota quota, List<IssuanceObserver> observers,
			UploadTicketProperties properties, Clock clock) {
		this.policy = policy;
		this.uploads = uploads;
		this.quota = quota;
		this.observers = List.copyOf(observers);
		this.tickets = new UploadTickets(properties.secret(), clock);
		this.clock = clock;
		if (properties.secret() == null) {
			log.warn("Upload tickets are signed with a random key (presign.upload-tickets.secret is not set): they "
					+ "work only on this replica");
		}
	}

	/**
	 * A ticket to start a multipart upload of undeclared size under a key the service
	 * names.
	 * @param fileName the client's file name, whose plain extension the key keeps
	 * @return the ticket and the key
	 */
	public IssuedTicket startTicket(Caller caller, String profile, @Nullable String fileName) {
		UnsizedUploadGrant grant = this.policy.authorizeUnsizedStart(caller, profile, fileName);
		return ticket(caller, grant, UploadTickets.Step.START);
	}

	/**
	 * A ticket to complete an upload of the caller's.
	 * @return the ticket
	 */
	public IssuedTicket completeTicket(Caller caller, String profile, String key, String uploadId) {
		UnsizedUploadGrant grant = this.policy.authorizeUnsizedCompletion(caller, profile, key, uploadId);
		return ticket(caller, grant, UploadTickets.Step.COMPLETE);
	}

	private IssuedTicket ticket(Caller caller, UnsizedUploadGrant grant, UploadTickets.Step step) {
		this.quota.consume(caller, grant.profile(), 1);
		// Uppy redeems a ticket right after asking for it, retries included: minutes are
		// plenty, and a ticket
		// outlives no revocation for long.
		Duration lifetime = (grant.expiry().duration().compareTo(MAX_TICKET_LIFETIME) > 0) ? MAX_TICKET_LIFETIME
				: grant.expiry().duration();
		Instant expiresAt = this.clock.instant().plus(lifetime);
		String ticket = this.tickets.issue(new UploadTickets.Ticket(step, grant.profile().name(),
				grant.profile().bucket(), caller.name(), grant.key(), grant.uploadId(), expiresAt));
		Issuance issuance = new Issuance(grant.profile(), UrlKind.MULTIPART_TICKET, List.of(grant.key()), lifetime,
				expiresAt, grant.expiry().cappedBy(), Duration.ZERO);
		for (IssuanceObserver observer : this.observers) {
			observer.issued(caller, issuance);
		}
		return new IssuedTicket(ticket, grant.key());
	}

	/**
	 * Starts the upload a ticket allows, with the Content-Type the client sends, if the
	 * profile allows it.
	 * @return the started upload
	 * @throws PolicyViolation for an invalid ticket (403 {@code ticket-invalid}) or
	 * content type
	 */
	public Started start(@Nullable String ticket, @Nullable String contentType) {
		UploadTickets.Ticket allowed = this.tickets.redeem(ticket, UploadTickets.Step.START);
		Profile profile = this.policy.ticketedProfile(allowed.profile(), allowed.bucket(), allowed.key(), contentType,
				true);
		String uploadId = this.uploads.start(profile, allowed.key(), profile.contentTypes().check(contentType));
		return new Started(profile.bucket(), allowed.key(), uploadId);
	}

	/**
	 * Completes the upload a ticket allows from every part S3 holds, if together they
	 * stay within the profile's maximum size; an oversized upload is aborted, so that
	 * nothing of it is kept.
	 * @return the completed upload
	 * @throws PolicyViolation for an invalid ticket, no parts, or too many bytes (400
	 * {@code content-length-too-large})
	 */
	public MultipartUploads.CompletedUpload complete(@Nullable String ticket) {
		UploadTickets.Ticket allowed = this.tickets.redeem(ticket, UploadTickets.Step.COMPLETE);
		Profile profile = this.policy.ticketedProfile(allowed.profile(), allowed.bucket(), allowed.key(), null, false);
		String key = allowed.key();
		String uploadId = allowed.uploadId();
		List<MultipartUploads.UploadedPart> parts = this.uploads.allParts(profile, key, uploadId);
		if (parts.isEmpty()) {
			throw new PolicyViolation(Rule.PART_NUMBERS_INVALID, "parts", "S3 holds no part of this upload");
		}
		long total = parts.stream().mapToLong(MultipartUploads.UploadedPart::size).sum();
		if (total > profile.maxContentLength()) {
			try {
				this.uploads.abort(profile, key, uploadId);
			}
			catch (RuntimeException ex) {
				// The refusal stands; the parts stay until the bucket's lifecycle rule
				// reclaims them.
				log.warn("Could not abort the oversized upload {} of {}: {}", uploadId, key, ex.getMessage());
			}
			throw new PolicyViolation(
					Rule.CONTENT_LENGTH_TOO_LARGE, "parts", "The parts add up to " + total
							+ " bytes, over the profile's " + profile.maxContentLength() + "; the upload was aborted",
					Map.of("maxContentLength", profile.maxContentLength()));
		}
		List<MultipartUploads.PartRef> refs = parts.stream()
			.sorted(Comparator.comparingInt(MultipartUploads.UploadedPart::partNumber))
			.map((part) -> new MultipartUploads.PartRef(part.partNumber(), part.etag()))
			.toList();
		return this.uploads.complete(profile, key, uploadId, refs);
	}

	/**
	 * A ticket issued.
	 *
	 * @param ticket the ticket, URL-safe
	 * @param key the upload's full key
	 */
	public record IssuedTicket(String ticket, String key) {
	}

	/**
	 * An upload started from a ticket.
	 *
	 * @param bucket the bucket
	 * @param key the full key
	 * @param uploadId S3's id of the upload
	 */
	public record Started(String bucket, String key, String uploadId) {
	}

}
