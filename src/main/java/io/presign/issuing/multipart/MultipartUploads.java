package io.presign.issuing.multipart;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import io.presign.issuing.Issuance;
import io.presign.issuing.IssuanceQuota;
import io.presign.issuing.IssuedUrl;
import io.presign.issuing.ObservedSigning;
import io.presign.issuing.StorageCall;
import io.presign.issuing.UrlKind;
import io.presign.policy.Caller;
import io.presign.policy.Checksum;
import io.presign.policy.MultipartCallGrant;
import io.presign.policy.MultipartCompleteIntent;
import io.presign.policy.MultipartCompletion;
import io.presign.policy.MultipartPlan;
import io.presign.policy.MultipartPolicy;
import io.presign.policy.MultipartStartIntent;
import io.presign.policy.ObjectStamp;
import io.presign.policy.PartRef;
import io.presign.policy.PolicyViolation;
import io.presign.policy.Profile;
import io.presign.policy.RefusedException;
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

	/** The most parts S3 lets an upload have: a listing of more is S3 misbehaving. */
	static final int MAX_PARTS = 10_000;

	/** What a start ticket's redemption records: the upload it started. */
	private static final String STARTED = "started";

	/** What a completion ticket's redemption records: the object it completed. */
	private static final String COMPLETED = "completed";

	private final MultipartPolicy policy;

	private final MultipartStore store;

	private final UrlSigner signer;

	private final IssuanceQuota quota;

	private final ObservedSigning signing;

	private final UploadTickets tickets;

	private final TicketRedemptions redemptions;

	private final Clock clock;

	MultipartUploads(MultipartPolicy policy, MultipartStore store, UrlSigner signer, IssuanceQuota quota,
			ObservedSigning signing, UploadTicketProperties tickets, TicketRedemptions redemptions, Clock clock) {
		this.policy = policy;
		this.store = store;
		this.signer = signer;
		this.quota = quota;
		this.signing = signing;
		this.tickets = new UploadTickets(tickets.secret(), clock);
		this.redemptions = redemptions;
		this.clock = clock;
		if (tickets.secret() == null) {
			log.warn("Upload tickets are signed with a random key (presign.upload-tickets.secret is not set): they "
					+ "work only on this replica");
		}
		if (tickets.baseUrl() == null) {
			log.warn("Upload ticket URLs take the scheme and host of each request (presign.upload-tickets.base-url is "
					+ "not set): set it to the service's public URL unless a proxy in front sets Host itself");
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
		String uploadId = audited(caller, StorageCall.Action.MULTIPART_START, plan.profile(), plan.key(), null, false,
				plan.stamp(), () -> this.store.start(plan.profile(), plan.key(), plan.contentType(), plan.stamp(),
						plan.checksumAlgorithm()),
				(id) -> id);
		return new StartedUpload(plan.profile().bucket(), plan.key(), uploadId, plan);
	}

	/**
	 * Issue UploadPart URLs for parts of a multipart upload the caller may write; each
	 * part costs one URL.
	 * @param intent what the caller asks for
	 * @return one URL per part, in request order
	 */
	public List<IssuedUrl> issueParts(Caller caller, UploadPartsIntent intent) {
		List<UploadPartGrant> grants = this.policy.authorizeParts(caller, intent);
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
		MultipartPolicy.UploadAccess allowed = access(caller, profile, key, fullKey, uploadId);
		Integer marker = MultipartPolicy.checkPartNumberMarker(partNumberMarker);
		MultipartStore.PartsPage page = audited(caller, StorageCall.Action.MULTIPART_LIST_PARTS, allowed.profile(),
				allowed.key(), uploadId, false,
				() -> this.store.listParts(allowed.profile(), allowed.key(), uploadId, marker), (listed) -> uploadId);
		return new PartsPage(page.parts(), page.nextPartNumberMarker(), page.truncated());
	}

	/**
	 * Complete an upload from the parts the caller names, as S3 holds them, and with the
	 * whole object's checksum, where the caller gives it, only if it is the one S3
	 * combines from the parts'.
	 * @param intent what the caller asks for
	 * @return the stored object
	 */
	public CompletedUpload complete(Caller caller, MultipartCompleteIntent intent) {
		MultipartPolicy.UploadAccess allowed = access(caller, intent.profile(), intent.key(), intent.fullKey(),
				intent.uploadId());
		MultipartPolicy.checkNamedParts(intent.parts());
		Checksum wholeObject = MultipartPolicy.wholeObjectChecksum(intent.checksumAlgorithm(), intent.checksum());
		String uploadId = intent.uploadId();
		return audited(caller, StorageCall.Action.MULTIPART_COMPLETE, allowed.profile(), allowed.key(), uploadId, false,
				ObjectStamp.ofChecksum(wholeObject),
				() -> complete(caller, allowed.profile(), allowed.key(), uploadId, intent.parts(), wholeObject, false),
				(done) -> uploadId);
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
		MultipartPolicy.UploadAccess allowed = access(caller, profile, key, fullKey, uploadId);
		audited(caller, StorageCall.Action.MULTIPART_ABORT, allowed.profile(), allowed.key(), uploadId, false, () -> {
			this.store.abort(allowed.profile(), allowed.key(), uploadId);
			return uploadId;
		}, (id) -> id);
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
		String ticket = this.tickets
			.issue(new UploadTickets.Ticket(step, grant.profile().name(), grant.profile().bucket(), caller.name(),
					caller.authMethod(), grant.key(), StampText.write(grant.stamp()), grant.uploadId(), expiresAt));
		this.signing.record(caller, new Issuance(grant.profile(), UrlKind.MULTIPART_TICKET, List.of(grant.key()),
				lifetime, expiresAt, grant.expiry().cappedBy()));
		return new IssuedTicket(ticket, grant.key());
	}

	/**
	 * Starts the upload a ticket allows, with the Content-Type the client sends, if the
	 * profile allows it; once per ticket. A ticket redeemed again (a widget's retry) gets
	 * the upload its first redemption started, wherever the rate limits are counted.
	 * Every redemption counts against the caller's rate limit.
	 * @return the started upload
	 * @throws PolicyViolation for an invalid ticket (403 {@code ticket-invalid}), one
	 * whose first redemption is under way (409 {@code ticket-used}), or a content type
	 * the profile does not allow
	 */
	public StartedUpload start(@Nullable String ticket, @Nullable String contentType) {
		UploadTickets.Redeemed redeemed = this.tickets.redeem(ticket, UploadTickets.Step.START);
		UploadTickets.Ticket allowed = redeemed.ticket();
		Caller caller = allowed.caller();
		Profile profile = this.policy.ticketedProfile(allowed.profile(), allowed.bucket(), allowed.key(), contentType,
				true);
		String type = profile.contentTypes().check(contentType);
		this.quota.consume(caller, profile, 1);
		String earlier = this.redemptions.claim(redeemed.id(), allowed.expiresAt());
		if (earlier != null) {
			String uploadId = answer(earlier, STARTED)[1];
			this.signing.record(caller, new StorageCall(StorageCall.Action.MULTIPART_START, profile, allowed.key(),
					uploadId, true, StorageCall.Outcome.REPLAYED, null, null));
			return new StartedUpload(profile.bucket(), allowed.key(), uploadId, null);
		}
		ObjectStamp stamp = StampText.read(allowed.stamp(), profile);
		String uploadId = redeemOnce(redeemed,
				() -> audited(caller, StorageCall.Action.MULTIPART_START, profile, allowed.key(), null, true, stamp,
						() -> this.store.start(profile, allowed.key(), type, stamp, null), (id) -> id),
				(started) -> STARTED + "\n" + started);
		return new StartedUpload(profile.bucket(), allowed.key(), uploadId, null);
	}

	/**
	 * Completes the upload a ticket allows from every part S3 holds, if together they
	 * stay within the profile's maximum size; an oversized upload is aborted, so that
	 * nothing of it is kept. Once per ticket: a ticket redeemed again gets the object its
	 * first redemption completed, without calling S3.
	 * @return the completed upload
	 * @throws PolicyViolation for an invalid ticket, one whose first redemption is under
	 * way, no parts, or too many bytes (400 {@code content-length-too-large})
	 */
	public CompletedUpload complete(@Nullable String ticket) {
		UploadTickets.Redeemed redeemed = this.tickets.redeem(ticket, UploadTickets.Step.COMPLETE);
		UploadTickets.Ticket allowed = redeemed.ticket();
		Caller caller = allowed.caller();
		Profile profile = this.policy.ticketedProfile(allowed.profile(), allowed.bucket(), allowed.key(), null, false);
		String uploadId = allowed.uploadId();
		if (uploadId == null) {
			throw UploadTickets.invalid("The ticket names no upload");
		}
		this.quota.consume(caller, profile, 1);
		String earlier = this.redemptions.claim(redeemed.id(), allowed.expiresAt());
		if (earlier != null) {
			String[] completed = answer(earlier, COMPLETED);
			this.signing.record(caller, new StorageCall(StorageCall.Action.MULTIPART_COMPLETE, profile, allowed.key(),
					uploadId, true, StorageCall.Outcome.REPLAYED, null, null));
			return new CompletedUpload(profile.bucket(), allowed.key(), completed[1], completed[2]);
		}
		return redeemOnce(redeemed,
				() -> audited(caller, StorageCall.Action.MULTIPART_COMPLETE, profile, allowed.key(), uploadId, true,
						() -> complete(caller, profile, allowed.key(), uploadId, null, null, true), (done) -> uploadId),
				(done) -> COMPLETED + "\n" + done.etag() + "\n" + done.location());
	}

	/**
	 * Redeems a ticket this redemption claimed: records the answer for retries, or gives
	 * the ticket back when the redemption failed, so that a retry may try again.
	 */
	private <T> T redeemOnce(UploadTickets.Redeemed redeemed, Supplier<T> redemption, Function<T, String> recorded) {
		T answer;
		try {
			answer = redemption.get();
		}
		catch (RuntimeException ex) {
			this.redemptions.release(redeemed.id());
			throw ex;
		}
		this.redemptions.record(redeemed.id(), recorded.apply(answer), redeemed.ticket().expiresAt());
		return answer;
	}

	/**
	 * The first redemption's answer, for a retry.
	 * @param kind what it must be
	 */
	private static String[] answer(String recorded, String kind) {
		String[] answer = recorded.split("\n", -1);
		if (!answer[0].equals(kind)) {
			throw new PolicyViolation(Rule.TICKET_USED, "ticket",
					"The ticket is being redeemed; try again in a moment");
		}
		return answer;
	}

	/**
	 * A call to S3 for a caller, told to the observers (audit) whatever its outcome.
	 * @param uploadId the upload, when known before the call
	 * @param uploadIdOf the upload, from the call's result
	 */
	private <T> T audited(Caller caller, StorageCall.Action action, Profile profile, String key,
			@Nullable String uploadId, boolean ticketed, Supplier<T> call, Function<T, String> uploadIdOf) {
		return audited(caller, action, profile, key, uploadId, ticketed, ObjectStamp.NONE, call, uploadIdOf);
	}

	/**
	 * As above, for a start, whose object must carry a stamp, and a completion that S3
	 * checks against the whole object's checksum.
	 */
	private <T> T audited(Caller caller, StorageCall.Action action, Profile profile, String key,
			@Nullable String uploadId, boolean ticketed, ObjectStamp stamp, Supplier<T> call,
			Function<T, String> uploadIdOf) {
		T result;
		try {
			result = call.get();
		}
		catch (RefusedException ex) {
			Object s3Code = ex.details().get("s3Code");
			this.signing.record(caller, new StorageCall(action, profile, key, uploadId, ticketed,
					StorageCall.Outcome.FAILURE, ex.rule().code(), (s3Code != null) ? s3Code.toString() : null));
			throw ex;
		}
		catch (RuntimeException ex) {
			this.signing.record(caller, new StorageCall(action, profile, key, uploadId, ticketed,
					StorageCall.Outcome.FAILURE, "internal-error", null));
			throw ex;
		}
		this.signing.record(caller,
				new StorageCall(action, profile, key, (uploadId != null) ? uploadId : uploadIdOf.apply(result),
						ticketed, StorageCall.Outcome.SUCCESS, null, null, stamp));
		return result;
	}

	/**
	 * The one completion path: lists what S3 holds, lets policy choose the parts
	 * (numbers, ETags, the total size, their checksums), and completes; or, where asked,
	 * aborts an upload too large for the profile, so that a widget that cannot correct
	 * its request leaves nothing of it behind.
	 * @param named the parts the client names; none for every part S3 holds
	 * @param wholeObject the whole object's checksum the client gives; none for none
	 */
	private CompletedUpload complete(Caller caller, Profile profile, String key, String uploadId,
			@Nullable List<PartRef> named, @Nullable Checksum wholeObject, boolean abortWhenTooLarge) {
		List<UploadedPart> held = allParts(profile, key, uploadId);
		MultipartCompletion completion;
		try {
			completion = MultipartPolicy.completion(profile, held, named, wholeObject);
		}
		catch (PolicyViolation refused) {
			if (!abortWhenTooLarge || refused.rule() != Rule.CONTENT_LENGTH_TOO_LARGE) {
				throw refused;
			}
			abortAfterRefusal(caller, profile, key, uploadId, named == null);
			throw new PolicyViolation(refused.rule(), refused.field(), refused.detail() + "; the upload was aborted",
					refused.limits());
		}
		MultipartStore.CompletedUpload completed = this.store.complete(profile, key, uploadId, completion);
		return new CompletedUpload(completed.bucket(), completed.key(), completed.etag(), completed.location());
	}

	private void abortAfterRefusal(Caller caller, Profile profile, String key, String uploadId, boolean ticketed) {
		try {
			audited(caller, StorageCall.Action.MULTIPART_ABORT, profile, key, uploadId, ticketed, () -> {
				this.store.abort(profile, key, uploadId);
				return uploadId;
			}, (id) -> id);
		}
		catch (RuntimeException ex) {
			// The refusal stands; the parts stay until the bucket's lifecycle rule
			// reclaims them.
			log.warn("Could not abort the refused upload {} of {}: {}", uploadId, key, ex.getMessage());
		}
	}

	/**
	 * Every part S3 holds for the upload, all pages of them; a listing whose marker does
	 * not advance, or that goes past the most parts an upload can have, is S3
	 * misbehaving, and ends here rather than never.
	 */
	private List<UploadedPart> allParts(Profile profile, String key, String uploadId) {
		List<UploadedPart> parts = new ArrayList<>();
		Integer marker = null;
		do {
			MultipartStore.PartsPage page = this.store.listParts(profile, key, uploadId, marker);
			parts.addAll(page.parts());
			Integer next = page.nextPartNumberMarker();
			if (next != null && next <= ((marker != null) ? marker : 0)) {
				throw new StorageMisbehavingException("S3 listed the parts of upload " + uploadId + " from marker "
						+ marker + " again: the listing does not advance");
			}
			if (parts.size() > MAX_PARTS) {
				throw new StorageMisbehavingException(
						"S3 listed more than " + MAX_PARTS + " parts of upload " + uploadId + ", more than it allows");
			}
			marker = next;
		}
		while (marker != null);
		return parts;
	}

	private MultipartPolicy.UploadAccess access(Caller caller, String profile, @Nullable String key,
			@Nullable String fullKey, String uploadId) {
		MultipartPolicy.UploadAccess allowed = this.policy.authorizeAccess(caller, profile, key, fullKey, uploadId);
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
