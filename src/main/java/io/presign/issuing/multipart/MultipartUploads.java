package io.presign.issuing.multipart;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.presign.issuing.Issuance;
import io.presign.issuing.IssuanceQuota;
import io.presign.issuing.IssuedUrl;
import io.presign.issuing.ObservedSigning;
import io.presign.issuing.UrlKind;
import io.presign.policy.Caller;
import io.presign.policy.MultipartCallGrant;
import io.presign.policy.MultipartPlan;
import io.presign.policy.MultipartPolicy;
import io.presign.policy.MultipartStartIntent;
import io.presign.policy.PartRef;
import io.presign.policy.PolicyViolation;
import io.presign.policy.Profile;
import io.presign.policy.Rule;
import io.presign.policy.UnsizedUploadGrant;
import io.presign.policy.UploadPartGrant;
import io.presign.policy.UploadPartsIntent;
import io.presign.policy.UploadedPart;
import io.presign.signing.MultipartStore;
import io.presign.signing.UrlSigner;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Multipart uploads, every step of them, for the JSON API and for upload widgets alike.
 * The service starts, completes and aborts uploads itself and presigns the rest (parts,
 * and a widget's listing and abort), each step authorized by {@link MultipartPolicy} and
 * counted against the caller's rate limit.
 *
 * <p>
 * A widget that signs call by call (Uppy) cannot send its credentials to the steps S3
 * cannot check on a presigned request: starting (the Content-Type against the profile's)
 * and completing (the total size, since parts signed before the file's size was known
 * carry no length). It gets a ticket for each when it asks, and redeems it at the
 * service's own URL. Both paths complete through one method, which lists what S3 holds
 * and never trusts the client's account of its parts.
 */
@Service
public final class MultipartUploads {

	private static final Logger log = LoggerFactory.getLogger(MultipartUploads.class);

	/** The longest a ticket works, whatever the profile's URLs may. */
	static final Duration MAX_TICKET_LIFETIME = Duration.ofMinutes(5);

	private final MultipartPolicy policy;

	private final MultipartStore store;

	private final UrlSigner signer;

	private final IssuanceQuota quota;

	private final ObservedSigning signing;

	private final UploadTickets tickets;

	private final Clock clock;

	public MultipartUploads(MultipartPolicy policy, MultipartStore store, UrlSigner signer, IssuanceQuota quota,
			ObservedSigning signing, UploadTicketProperties tickets, Clock clock) {
		this.policy = policy;
		this.store = store;
		this.signer = signer;
		this.quota = quota;
		this.signing = signing;
		this.tickets = new UploadTickets(tickets.secret(), clock);
		this.clock = clock;
		if (tickets.secret() == null) {
			log.warn("Upload tickets are signed with a random key (presign.upload-tickets.secret is not set): they "
					+ "work only on this replica");
		}
	}

	/**
	 * Start a multipart upload of a declared size: the policy plans its parts, S3 creates
	 * it.
	 * @param intent what the caller asks for
	 * @return the plan and S3's upload id
	 */
	public StartedUpload start(Caller caller, MultipartStartIntent intent) {
		MultipartPlan plan = this.policy.authorizeStart(caller, intent);
		this.quota.consume(caller, plan.profile(), 1);
		String uploadId = this.store.start(plan.profile(), plan.key(), plan.contentType());
		return new StartedUpload(plan.profile().bucket(), plan.key(), uploadId, plan);
	}

	/**
	 * Issue UploadPart URLs for parts of a multipart upload the caller may write; each
	 * part costs one URL.
	 * @param intent what the caller asks for
	 * @return one URL per part, in request order
	 */
	public List<IssuedUrl> issueParts(Caller caller, UploadPartsIntent intent) {
		List<UploadPartGrant> grants = this.signing.decide(() -> this.policy.authorizeParts(caller, intent));
		Profile profile = grants.get(0).profile();
		this.quota.consume(caller, profile, grants.size());
		return this.signing.sign(caller, profile, UrlKind.MULTIPART_PART,
				grants.stream().map(UploadPartGrant::key).toList(), () -> this.signer.presignUploadParts(grants));
	}

	/**
	 * One page of the parts uploaded so far.
	 * @param profile the profile name
	 * @param key the upload's key below the caller's prefix; none when {@code fullKey} is
	 * given
	 * @param fullKey the upload's full key; none when {@code key} is given
	 * @param uploadId the upload
	 * @param partNumberMarker list parts after this number
	 * @return the page
	 */
	public PartsPage listParts(Caller caller, String profile, @Nullable String key, @Nullable String fullKey,
			String uploadId, @Nullable Integer partNumberMarker) {
		MultipartPolicy.UploadAccess allowed = access(caller, profile, key, fullKey);
		MultipartStore.PartsPage page = this.store.listParts(allowed.profile(), allowed.key(), uploadId,
				partNumberMarker);
		return new PartsPage(page.parts(), page.nextPartNumberMarker(), page.truncated());
	}

	/**
	 * Complete an upload from the parts the caller names, as S3 holds them.
	 * @param profile the profile name
	 * @param key the upload's key below the caller's prefix; none when {@code fullKey} is
	 * given
	 * @param fullKey the upload's full key; none when {@code key} is given
	 * @param uploadId the upload
	 * @param parts the parts to assemble
	 * @return the stored object
	 */
	public CompletedUpload complete(Caller caller, String profile, @Nullable String key, @Nullable String fullKey,
			String uploadId, List<PartRef> parts) {
		MultipartPolicy.UploadAccess allowed = access(caller, profile, key, fullKey);
		MultipartPolicy.checkNamedParts(parts);
		return complete(allowed.profile(), allowed.key(), uploadId, parts, false);
	}

	/**
	 * Abort an upload, discarding its parts.
	 * @param profile the profile name
	 * @param key the upload's key below the caller's prefix; none when {@code fullKey} is
	 * given
	 * @param fullKey the upload's full key; none when {@code key} is given
	 * @param uploadId the upload
	 */
	public void abort(Caller caller, String profile, @Nullable String key, @Nullable String fullKey, String uploadId) {
		MultipartPolicy.UploadAccess allowed = access(caller, profile, key, fullKey);
		this.store.abort(allowed.profile(), allowed.key(), uploadId);
	}

	/**
	 * Issue the URL of one part of an upload whose size was not declared: it signs no
	 * length.
	 * @return the URL
	 */
	public IssuedUrl issueUnsizedPart(Caller caller, String profile, String key, @Nullable String uploadId,
			@Nullable Integer partNumber) {
		UploadPartGrant grant = this.policy.authorizeUnsizedPart(caller, profile, key, uploadId, partNumber);
		this.quota.consume(caller, grant.profile(), 1);
		return this.signing.signOne(caller, grant.profile(), UrlKind.MULTIPART_PART, key,
				() -> this.signer.presignUploadPart(grant));
	}

	/**
	 * Issue a URL that lists the parts of, or aborts, an upload of the caller's, for a
	 * client that calls S3.
	 * @return the URL
	 */
	public IssuedUrl issueCall(Caller caller, String profile, String key, @Nullable String uploadId,
			MultipartCallGrant.Call call) {
		MultipartCallGrant grant = this.policy.authorizeCall(caller, profile, key, uploadId, call);
		this.quota.consume(caller, grant.profile(), 1);
		UrlKind kind = (call == MultipartCallGrant.Call.LIST_PARTS) ? UrlKind.MULTIPART_LIST : UrlKind.MULTIPART_ABORT;
		return this.signing.signOne(caller, grant.profile(), kind, key, () -> this.signer.presignMultipartCall(grant));
	}

	/**
	 * A ticket to start a multipart upload of undeclared size under a key the service
	 * names.
	 * @param fileName the client's file name, whose plain extension the key keeps
	 * @return the ticket and the key
	 */
	public IssuedTicket startTicket(Caller caller, String profile, @Nullable String fileName) {
		return ticket(caller, this.policy.authorizeUnsizedStart(caller, profile, fileName), UploadTickets.Step.START);
	}

	/**
	 * A ticket to complete an upload of the caller's.
	 * @return the ticket
	 */
	public IssuedTicket completeTicket(Caller caller, String profile, String key, @Nullable String uploadId) {
		return ticket(caller, this.policy.authorizeUnsizedCompletion(caller, profile, key, uploadId),
				UploadTickets.Step.COMPLETE);
	}

	private IssuedTicket ticket(Caller caller, UnsizedUploadGrant grant, UploadTickets.Step step) {
		this.quota.consume(caller, grant.profile(), 1);
		// A widget redeems a ticket right after asking for it, retries included: minutes
		// are plenty, and a ticket
		// outlives no revocation for long.
		Duration lifetime = (grant.expiry().duration().compareTo(MAX_TICKET_LIFETIME) > 0) ? MAX_TICKET_LIFETIME
				: grant.expiry().duration();
		Instant expiresAt = this.clock.instant().plus(lifetime);
		String ticket = this.tickets.issue(new UploadTickets.Ticket(step, grant.profile().name(),
				grant.profile().bucket(), caller.name(), grant.key(), grant.uploadId(), expiresAt));
		this.signing.record(caller, new Issuance(grant.profile(), UrlKind.MULTIPART_TICKET, List.of(grant.key()),
				lifetime, expiresAt, grant.expiry().cappedBy(), Duration.ZERO));
		return new IssuedTicket(ticket, grant.key());
	}

	/**
	 * Starts the upload a ticket allows, with the Content-Type the client sends, if the
	 * profile allows it.
	 * @return the started upload
	 * @throws PolicyViolation for an invalid ticket (403 {@code ticket-invalid}) or
	 * content type
	 */
	public StartedUpload start(@Nullable String ticket, @Nullable String contentType) {
		UploadTickets.Ticket allowed = this.tickets.redeem(ticket, UploadTickets.Step.START);
		Profile profile = this.policy.ticketedProfile(allowed.profile(), allowed.bucket(), allowed.key(), contentType,
				true);
		String uploadId = this.store.start(profile, allowed.key(), profile.contentTypes().check(contentType));
		return new StartedUpload(profile.bucket(), allowed.key(), uploadId, null);
	}

	/**
	 * Completes the upload a ticket allows from every part S3 holds, if together they
	 * stay within the profile's maximum size; an oversized upload is aborted, so that
	 * nothing of it is kept.
	 * @return the completed upload
	 * @throws PolicyViolation for an invalid ticket, no parts, or too many bytes (400
	 * {@code content-length-too-large})
	 */
	public CompletedUpload complete(@Nullable String ticket) {
		UploadTickets.Ticket allowed = this.tickets.redeem(ticket, UploadTickets.Step.COMPLETE);
		Profile profile = this.policy.ticketedProfile(allowed.profile(), allowed.bucket(), allowed.key(), null, false);
		String uploadId = allowed.uploadId();
		if (uploadId == null) {
			throw UploadTickets.invalid("The ticket names no upload");
		}
		return complete(profile, allowed.key(), uploadId, null, true);
	}

	/**
	 * The one completion path: lists what S3 holds, lets policy choose the parts
	 * (numbers, ETags, the total size), and completes; or, where asked, aborts an upload
	 * too large for the profile, so that a widget that cannot correct its request leaves
	 * nothing of it behind.
	 * @param named the parts the client names; none for every part S3 holds
	 */
	private CompletedUpload complete(Profile profile, String key, String uploadId, @Nullable List<PartRef> named,
			boolean abortWhenTooLarge) {
		List<UploadedPart> held = allParts(profile, key, uploadId);
		List<PartRef> parts;
		try {
			parts = MultipartPolicy.partsToComplete(profile, held, named);
		}
		catch (PolicyViolation refused) {
			if (!abortWhenTooLarge || refused.rule() != Rule.CONTENT_LENGTH_TOO_LARGE) {
				throw refused;
			}
			abortAfterRefusal(profile, key, uploadId);
			throw new PolicyViolation(refused.rule(), refused.field(), refused.detail() + "; the upload was aborted",
					refused.limits());
		}
		MultipartStore.CompletedUpload completed = this.store.complete(profile, key, uploadId, parts);
		return new CompletedUpload(completed.bucket(), completed.key(), completed.etag(), completed.location());
	}

	private void abortAfterRefusal(Profile profile, String key, String uploadId) {
		try {
			this.store.abort(profile, key, uploadId);
		}
		catch (RuntimeException ex) {
			// The refusal stands; the parts stay until the bucket's lifecycle rule
			// reclaims them.
			log.warn("Could not abort the refused upload {} of {}: {}", uploadId, key, ex.getMessage());
		}
	}

	/**
	 * Every part S3 holds for the upload, all pages of them.
	 */
	private List<UploadedPart> allParts(Profile profile, String key, String uploadId) {
		List<UploadedPart> parts = new ArrayList<>();
		Integer marker = null;
		do {
			MultipartStore.PartsPage page = this.store.listParts(profile, key, uploadId, marker);
			parts.addAll(page.parts());
			marker = page.nextPartNumberMarker();
		}
		while (marker != null);
		return parts;
	}

	private MultipartPolicy.UploadAccess access(Caller caller, String profile, @Nullable String key,
			@Nullable String fullKey) {
		MultipartPolicy.UploadAccess allowed = this.policy.authorizeAccess(caller, profile, key, fullKey);
		this.quota.consume(caller, allowed.profile(), 1);
		return allowed;
	}

	/**
	 * A multipart upload S3 has created.
	 *
	 * @param bucket its bucket
	 * @param key its full key
	 * @param uploadId S3's upload id
	 * @param plan the planned parts, for an upload of declared size
	 */
	public record StartedUpload(String bucket, String key, String uploadId, @Nullable MultipartPlan plan) {
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
	 * A page of the parts S3 holds.
	 *
	 * @param parts the parts of the page
	 * @param nextPartNumberMarker where the next page starts; none on the last page
	 * @param truncated whether more parts follow
	 */
	public record PartsPage(List<UploadedPart> parts, @Nullable Integer nextPartNumberMarker, boolean truncated) {
	}

	/**
	 * A completed object.
	 *
	 * @param bucket its bucket
	 * @param key its key
	 * @param etag its ETag
	 * @param location its URL, as S3 reports it
	 */
	public record CompletedUpload(String bucket, String key, String etag, String location) {
	}

}
