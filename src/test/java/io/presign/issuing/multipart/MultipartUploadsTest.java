package io.presign.issuing.multipart;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.presign.issuing.IssuingFakes;
import io.presign.issuing.StorageCall;
import io.presign.issuing.UrlKind;
import io.presign.policy.Checksum;
import io.presign.policy.ChecksumAlgorithm;
import io.presign.policy.MultipartCompleteIntent;
import io.presign.policy.MultipartCompletion;
import io.presign.policy.MultipartPolicy;
import io.presign.policy.MultipartStartIntent;
import io.presign.policy.ObjectStamp;
import io.presign.policy.PartRef;
import io.presign.policy.PolicyViolation;
import io.presign.policy.PresignPolicy;
import io.presign.policy.Profile;
import io.presign.policy.ProfileCatalog;
import io.presign.policy.Rule;
import io.presign.policy.UploadedPart;
import io.presign.signing.MultipartStore;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How {@link MultipartUploads} runs each step against S3 (an in-memory store here):
 * starts counted, completion from what S3 holds over every page of its listing, with S3's
 * ETags, and the two callers of the one completion path differing only in whether a
 * too-large upload is aborted.
 */
class MultipartUploadsTest {

	private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

	private static final long MIB = 1024 * 1024;

	private final Profile videos = IssuingFakes.profile("videos", 12 * MIB, true, false);

	private final Store store = new Store();

	private final IssuingFakes.CountingQuota quota = new IssuingFakes.CountingQuota();

	private final IssuingFakes.RecordingObserver observer = new IssuingFakes.RecordingObserver();

	private final MultipartUploads uploads = new MultipartUploads(
			new MultipartPolicy(new PresignPolicy(new ProfileCatalog(List.of(this.videos))),
					new ProfileCatalog(List.of(this.videos)), 100),
			this.store, new IssuingFakes.Signer(), this.quota, this.observer.signing(),
			new UploadTicketProperties("a-shared-secret-of-at-least-32-characters", null),
			new InMemoryTicketRedemptions(Clock.fixed(NOW, ZoneOffset.UTC)), Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void aStartIsPlannedCountedAndCreatedInS3() {
		MultipartUploads.StartedUpload started = this.uploads.start(IssuingFakes.ALICE,
				new MultipartStartIntent("videos", "talk.txt", null, "text/plain", 10 * MIB));
		assertThat(started.key()).isEqualTo("users/alice/talk.txt");
		assertThat(started.plan()).isNotNull().satisfies((plan) -> assertThat(plan.partCount()).isEqualTo(2));
		assertThat(this.store.started).containsExactly("users/alice/talk.txt text/plain");
		assertThat(this.quota.urls).hasValue(1);
	}

	@Test
	void completionReadsEveryPageOfS3sListingAndAssemblesWithS3sEtags() {
		String key = "users/alice/talk.txt";
		this.store.hold(key, "up-1", 1, "\"e1\"", 5 * MIB);
		this.store.hold(key, "up-1", 2, "\"e2\"", 5 * MIB);
		this.store.hold(key, "up-1", 3, "\"e3\"", MIB);
		MultipartUploads.CompletedUpload completed = this.uploads.complete(IssuingFakes.ALICE,
				new MultipartCompleteIntent("videos", null, key, "up-1",
						List.of(new PartRef(1, "e1"), new PartRef(2, "\"e2\""), new PartRef(3, "e3")), null, null));
		assertThat(completed.key()).isEqualTo(key);
		assertThat(this.store.listings).as("one page per part").isEqualTo(3);
		assertThat(this.store.completed)
			.containsExactly(List.of(new PartRef(1, "\"e1\""), new PartRef(2, "\"e2\""), new PartRef(3, "\"e3\"")));
	}

	@Test
	void aPartS3DoesNotHoldAsNamedRefusesTheCompletionBeforeS3IsAskedToComplete() {
		String key = "users/alice/talk.txt";
		this.store.hold(key, "up-1", 1, "\"e1\"", 5 * MIB);
		refused(() -> this.uploads.complete(IssuingFakes.ALICE,
				new MultipartCompleteIntent("videos", null, key, "up-1", List.of(new PartRef(1, "other")), null, null)),
				Rule.PART_NOT_UPLOADED);
		refused(() -> this.uploads.complete(IssuingFakes.ALICE,
				new MultipartCompleteIntent("videos", null, key, "up-1", List.of(), null, null)),
				Rule.PART_NUMBERS_INVALID);
		refused(() -> this.uploads
			.complete(IssuingFakes.ALICE,
					new MultipartCompleteIntent("videos", null, key, "up-1",
							List.of(new PartRef(1, "e1"), new PartRef(1, "e1")), null, null)),
				Rule.PART_NUMBERS_INVALID);
		assertThat(this.store.completed).isEmpty();
		assertThat(this.store.aborted).isEmpty();
	}

	@Test
	void tooManyBytesKeepTheJsonCallersUploadButAbortATicketedOne() {
		String key = "users/alice/big.txt";
		this.store.hold(key, "up-2", 1, "\"e1\"", 7 * MIB);
		this.store.hold(key, "up-2", 2, "\"e2\"", 7 * MIB);
		refused(() -> this.uploads.complete(IssuingFakes.ALICE,
				new MultipartCompleteIntent("videos", null, key, "up-2",
						List.of(new PartRef(1, "e1"), new PartRef(2, "e2")), null, null)),
				Rule.CONTENT_LENGTH_TOO_LARGE);
		assertThat(this.store.aborted).as("the client may name fewer parts").isEmpty();

		String ticket = this.uploads.completeTicket(IssuingFakes.ALICE, "videos", key, "up-2").ticket();
		assertThatExceptionOfType(PolicyViolation.class).isThrownBy(() -> this.uploads.complete(ticket))
			.satisfies((refusal) -> {
				assertThat(refusal.rule()).isEqualTo(Rule.CONTENT_LENGTH_TOO_LARGE);
				assertThat(refusal.getMessage()).endsWith("the upload was aborted");
			});
		assertThat(this.store.aborted).containsExactly("up-2");
		assertThat(this.store.completed).isEmpty();
	}

	@Test
	void aTicketedCompletionAssemblesEveryPartS3HoldsInOrder() {
		String key = "users/alice/clip.txt";
		this.store.hold(key, "up-3", 2, "\"e2\"", MIB);
		this.store.hold(key, "up-3", 1, "\"e1\"", 5 * MIB);
		String ticket = this.uploads.completeTicket(IssuingFakes.ALICE, "videos", key, "up-3").ticket();
		this.uploads.complete(ticket);
		assertThat(this.store.completed).containsExactly(List.of(new PartRef(1, "\"e1\""), new PartRef(2, "\"e2\"")));
		assertThat(this.observer.issued).singleElement()
			.satisfies((issuance) -> assertThat(issuance.kind()).isEqualTo(UrlKind.MULTIPART_TICKET));
	}

	@Test
	void aStartTicketStartsOneUploadAndARetryGetsItsUploadId() {
		MultipartUploads.IssuedTicket ticket = this.uploads.startTicket(IssuingFakes.ALICE, "videos", "clip.txt");
		MultipartUploads.StartedUpload first = this.uploads.start(ticket.ticket(), "text/plain");
		MultipartUploads.StartedUpload again = this.uploads.start(ticket.ticket(), "text/plain");
		assertThat(again.uploadId()).isEqualTo(first.uploadId());
		assertThat(this.store.started).as("S3 started one upload").hasSize(1);
		assertThat(this.quota.urls).as("the ticket and both redemptions count").hasValue(3);
		assertThat(this.observer.storageCalls).extracting((call) -> call.getValue().outcome())
			.containsExactly(StorageCall.Outcome.SUCCESS, StorageCall.Outcome.REPLAYED);
		assertThat(this.observer.storageCalls).allSatisfy((call) -> {
			assertThat(call.getKey().name()).isEqualTo("alice");
			assertThat(call.getValue().ticketed()).isTrue();
			assertThat(call.getValue().uploadId()).isEqualTo(first.uploadId());
			assertThat(call.getValue().key()).isEqualTo(ticket.key());
		});
	}

	@Test
	void aCompletionTicketCompletesOnceAndARetryGetsTheObjectWithoutS3() {
		String key = "users/alice/clip.txt";
		this.store.hold(key, "up-4", 1, "\"e1\"", MIB);
		String ticket = this.uploads.completeTicket(IssuingFakes.ALICE, "videos", key, "up-4").ticket();
		MultipartUploads.CompletedUpload first = this.uploads.complete(ticket);
		int listings = this.store.listings;
		MultipartUploads.CompletedUpload again = this.uploads.complete(ticket);
		assertThat(again).isEqualTo(first);
		assertThat(this.store.completed).hasSize(1);
		assertThat(this.store.listings).as("no call to S3 for the retry").isEqualTo(listings);
	}

	@Test
	void aFailedRedemptionGivesTheTicketBackForARetry() {
		String key = "users/alice/clip.txt";
		this.store.hold(key, "up-5", 1, "\"e1\"", MIB);
		String ticket = this.uploads.completeTicket(IssuingFakes.ALICE, "videos", key, "up-5").ticket();
		this.store.refusal = new IllegalStateException("S3 did not answer");
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> this.uploads.complete(ticket));
		this.store.refusal = null;
		assertThat(this.uploads.complete(ticket).key()).isEqualTo(key);
		assertThat(this.observer.storageCalls)
			.extracting((call) -> call.getValue().outcome(), (call) -> call.getValue().code())
			.containsExactly(org.assertj.core.groups.Tuple.tuple(StorageCall.Outcome.FAILURE, "internal-error"),
					org.assertj.core.groups.Tuple.tuple(StorageCall.Outcome.SUCCESS, null));
	}

	@Test
	void aListingWhoseMarkerDoesNotAdvanceEndsAs502AndIsAudited() {
		this.store.stuck = true;
		assertThatExceptionOfType(StorageMisbehavingException.class)
			.isThrownBy(() -> this.uploads.complete(IssuingFakes.ALICE,
					new MultipartCompleteIntent("videos", "clip.txt", null, "up-6", List.of(new PartRef(1, "e1")), null,
							null)))
			.satisfies((refusal) -> assertThat(refusal.rule()).isEqualTo(Rule.STORAGE_MISBEHAVING));
		assertThat(this.store.listings).as("the second page repeats the first's marker").isEqualTo(2);
		assertThat(this.observer.storageCalls).singleElement().satisfies((call) -> {
			assertThat(call.getValue().action()).isEqualTo(StorageCall.Action.MULTIPART_COMPLETE);
			assertThat(call.getValue().code()).isEqualTo("storage-misbehaving");
		});
	}

	@Test
	void aListingOfMoreThanTenThousandPartsEndsAs502() {
		this.store.endless = true;
		assertThatExceptionOfType(StorageMisbehavingException.class)
			.isThrownBy(() -> this.uploads.complete(IssuingFakes.ALICE, new MultipartCompleteIntent("videos",
					"clip.txt", null, "up-7", List.of(new PartRef(1, "e")), null, null)));
		assertThat(this.store.listings).isEqualTo(MultipartUploads.MAX_PARTS + 1);
	}

	@Test
	void aCompletionWithTheWholeObjectsChecksumSendsItAndAuditsTheRule() {
		String key = "users/alice/talk.txt";
		this.store.hold(key, "up-8", 1, "\"e1\"", 5 * MIB);
		this.store.hold(key, "up-8", 2, "\"e2\"", MIB);
		Checksum whole = new Checksum(ChecksumAlgorithm.CRC32, "AQIDBA==");
		this.uploads.complete(IssuingFakes.ALICE, new MultipartCompleteIntent("videos", null, key, "up-8",
				List.of(new PartRef(1, "e1", "AAAAAA=="), new PartRef(2, "e2", "AAAAAQ==")), "CRC32", "AQIDBA=="));
		assertThat(this.store.wholeObjects).containsExactly(whole);
		assertThat(this.store.completed)
			.containsExactly(List.of(new PartRef(1, "\"e1\"", "AAAAAA=="), new PartRef(2, "\"e2\"", "AAAAAQ==")));
		assertThat(this.observer.storageCalls).singleElement()
			.satisfies((call) -> assertThat(call.getValue().stamp().summary()).containsEntry("checksum", "crc32"));
	}

	@Test
	void everyCallToS3IsAuditedWithWhoItWasFor() {
		MultipartUploads.StartedUpload started = this.uploads.start(IssuingFakes.ALICE,
				new MultipartStartIntent("videos", "talk.txt", null, "text/plain", 10 * MIB));
		this.uploads.listParts(IssuingFakes.ALICE, "videos", "talk.txt", null, started.uploadId(), null);
		this.uploads.abort(IssuingFakes.ALICE, "videos", null, started.key(), started.uploadId());
		assertThat(this.observer.storageCalls)
			.extracting((call) -> call.getKey().name(), (call) -> call.getValue().action(),
					(call) -> call.getValue().uploadId(), (call) -> call.getValue().ticketed())
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple("alice", StorageCall.Action.MULTIPART_START, started.uploadId(),
							false),
					org.assertj.core.groups.Tuple.tuple("alice", StorageCall.Action.MULTIPART_LIST_PARTS,
							started.uploadId(), false),
					org.assertj.core.groups.Tuple.tuple("alice", StorageCall.Action.MULTIPART_ABORT, started.uploadId(),
							false));
	}

	private static void refused(Runnable call, Rule rule) {
		assertThatExceptionOfType(PolicyViolation.class).isThrownBy(call::run)
			.satisfies((refusal) -> assertThat(refusal.rule()).isEqualTo(rule));
	}

	/**
	 * S3's multipart calls, in memory: lists one part per page, as S3 may page at any
	 * size.
	 */
	private static final class Store implements MultipartStore {

		final List<String> started = new ArrayList<>();

		final List<List<PartRef>> completed = new ArrayList<>();

		final List<String> aborted = new ArrayList<>();

		final List<Checksum> wholeObjects = new ArrayList<>();

		final Map<String, List<UploadedPart>> parts = new ConcurrentHashMap<>();

		int listings;

		/** A store that answers every page with the same marker. */
		boolean stuck;

		/** A store whose listing advances one part a page, for ever. */
		boolean endless;

		/** What S3 answers to a completion, when it refuses. */
		@Nullable RuntimeException refusal;

		void hold(String key, String uploadId, int number, String etag, long size) {
			this.parts.computeIfAbsent(key + "|" + uploadId, (id) -> new ArrayList<>())
				.add(new UploadedPart(number, etag, size, NOW));
		}

		@Override
		public String start(Profile profile, String key, @Nullable String contentType, ObjectStamp stamp,
				@Nullable ChecksumAlgorithm checksumAlgorithm) {
			this.started.add(key + " " + contentType);
			return "upload-" + this.started.size();
		}

		@Override
		public PartsPage listParts(Profile profile, String key, String uploadId, @Nullable Integer marker) {
			this.listings++;
			if (this.endless) {
				int next = ((marker != null) ? marker : 0) + 1;
				return new PartsPage(List.of(new UploadedPart(next, "\"e\"", MIB, NOW)), next, true);
			}
			if (this.stuck) {
				return new PartsPage(List.of(new UploadedPart(1, "\"e1\"", MIB, NOW)), 7, true);
			}
			List<UploadedPart> held = this.parts.getOrDefault(key + "|" + uploadId, List.of());
			int index = (marker != null) ? marker : 0;
			if (index >= held.size()) {
				return new PartsPage(List.of(), null, false);
			}
			boolean more = index + 1 < held.size();
			return new PartsPage(List.of(held.get(index)), more ? index + 1 : null, more);
		}

		@Override
		public CompletedUpload complete(Profile profile, String key, String uploadId, MultipartCompletion completion) {
			if (this.refusal != null) {
				throw this.refusal;
			}
			this.completed.add(completion.parts()
				.stream()
				.map((part) -> new PartRef(part.partNumber(), part.etag(),
						(part.checksum() != null) ? part.checksum().value() : null))
				.toList());
			Checksum whole = completion.wholeObject();
			if (whole != null) {
				this.wholeObjects.add(whole);
			}
			return new CompletedUpload(profile.bucket(), key, "\"etag-2\"", "https://s3.test/" + key);
		}

		@Override
		public void abort(Profile profile, String key, String uploadId) {
			this.aborted.add(uploadId);
		}

	}

}
