package io.presign.issuing;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.observation.ObservationRegistry;
import io.presign.policy.Caller;
import io.presign.policy.ContentTypePolicy;
import io.presign.policy.DownloadGrant;
import io.presign.policy.ExpiryPolicy;
import io.presign.policy.FormUploadGrant;
import io.presign.policy.KeyStrategy;
import io.presign.policy.KeyTemplate;
import io.presign.policy.MultipartCallGrant;
import io.presign.policy.MultipartSettings;
import io.presign.policy.Operation;
import io.presign.policy.Profile;
import io.presign.policy.RateLimit;
import io.presign.policy.UploadGrant;
import io.presign.policy.UploadPartGrant;
import io.presign.signing.PresignedForm;
import io.presign.signing.PresignedUrl;
import io.presign.signing.StoredObject;
import io.presign.signing.StoredObjects;
import io.presign.signing.UrlSigner;

/**
 * Stand-ins for what issuing orchestrates (the signer, the store, the quota, the
 * observers), recording what they were asked, for unit tests of the issuing services
 * without Spring, S3 or HTTP.
 */
public final class IssuingFakes {

	/** Holds the scope {@code files}; principal {@code alice}. */
	public static final Caller ALICE = new Caller("alice", java.util.Set.of("files"), Caller.AuthMethod.API_KEY);

	private IssuingFakes() {
	}

	/**
	 * @return a profile under {@code users/{principal}/} allowing text and images up to
	 * the size, with multipart uploads as given
	 */
	public static Profile profile(String name, long maxContentLength, boolean multipart, boolean requireExisting) {
		return new Profile(name, "bucket-" + name, "eu-west-1", null, false, KeyTemplate.parse("users/{principal}/"),
				KeyStrategy.CLIENT, EnumSet.of(Operation.DOWNLOAD, Operation.UPLOAD), Map.of(),
				ContentTypePolicy.of(List.of("text/plain", "image/*")), maxContentLength,
				new ExpiryPolicy(Duration.ofMinutes(5), Duration.ofHours(1)), "files", RateLimit.UNLIMITED,
				multipart ? new MultipartSettings(true, MultipartSettings.S3_MIN_PART, MultipartSettings.S3_MAX_PART)
						: MultipartSettings.DISABLED,
				null, true, requireExisting);
	}

	/**
	 * A signer whose URLs name the key and operation, and that counts its calls.
	 */
	public static final class Signer implements UrlSigner {

		/** Every key signed, in order. */
		public final List<String> signed = new ArrayList<>();

		/** How many calls signed (a batch is one). */
		public final AtomicInteger calls = new AtomicInteger();

		@Override
		public PresignedUrl presignDownload(DownloadGrant grant) {
			this.calls.incrementAndGet();
			return url("GET", grant.key(), Map.of());
		}

		@Override
		public List<PresignedUrl> presignDownloads(List<DownloadGrant> grants) {
			this.calls.incrementAndGet();
			return grants.stream().map((grant) -> url("GET", grant.key(), Map.of())).toList();
		}

		@Override
		public PresignedUrl presignUpload(UploadGrant grant) {
			this.calls.incrementAndGet();
			return url("PUT", grant.key(), Map.of("Content-Type", grant.contentType()));
		}

		@Override
		public PresignedUrl presignUploadPart(UploadPartGrant grant) {
			this.calls.incrementAndGet();
			return url("PUT", grant.key() + "#" + grant.partNumber(), Map.of());
		}

		@Override
		public List<PresignedUrl> presignUploadParts(List<UploadPartGrant> grants) {
			this.calls.incrementAndGet();
			return grants.stream()
				.map((grant) -> url("PUT", grant.key() + "#" + grant.partNumber(), Map.of()))
				.toList();
		}

		@Override
		public PresignedUrl presignMultipartCall(MultipartCallGrant grant) {
			this.calls.incrementAndGet();
			return url(grant.call().name(), grant.key(), Map.of());
		}

		@Override
		public PresignedForm presignFormUpload(FormUploadGrant grant) {
			this.calls.incrementAndGet();
			this.signed.add(String.valueOf(grant.key()));
			return new PresignedForm(URI.create("https://s3.test/bucket/"), Map.of("key", String.valueOf(grant.key())),
					Duration.ofMinutes(5), Instant.parse("2026-12-07T12:05:00Z"), null);
		}

		private PresignedUrl url(String method, String key, Map<String, String> headers) {
			this.signed.add(key);
			return new PresignedUrl(method, "https://s3.test/" + key + "?X-Amz-Signature=x", headers,
					Duration.ofMinutes(5), Instant.parse("2026-12-07T12:05:00Z"), null);
		}

	}

	/**
	 * A quota that counts what it is asked for and never refuses.
	 */
	public static final class CountingQuota implements IssuanceQuota {

		/** URLs counted, over every call. */
		public final AtomicInteger urls = new AtomicInteger();

		@Override
		public void consume(Caller caller, Profile profile, int count) {
			this.urls.addAndGet(count);
		}

	}

	/**
	 * Observers' view: every issuance, in order.
	 */
	public static final class RecordingObserver implements IssuanceObserver {

		/** What was issued. */
		public final List<Issuance> issued = new ArrayList<>();

		@Override
		public void issued(Caller caller, Issuance issuance) {
			this.issued.add(issuance);
		}

		/** The calls to S3 the service made for callers, with whom for. */
		public final List<Map.Entry<Caller, StorageCall>> storageCalls = new ArrayList<>();

		@Override
		public void storageCall(Caller caller, StorageCall call) {
			this.storageCalls.add(Map.entry(caller, call));
		}

		/**
		 * @return signing observed and told to this observer
		 */
		public ObservedSigning signing() {
			return new ObservedSigning(List.of(this), ObservationRegistry.NOOP);
		}

	}

	/**
	 * S3 holding objects under the keys given.
	 */
	public static final class Objects implements StoredObjects {

		private final java.util.Set<String> keys;

		/** HeadObject calls, a batch counting each key. */
		public final AtomicInteger heads = new AtomicInteger();

		public Objects(String... keys) {
			this.keys = java.util.Set.of(keys);
		}

		@Override
		public Optional<StoredObject> head(Profile profile, String key,
				@org.jspecify.annotations.Nullable String versionId) {
			this.heads.incrementAndGet();
			return this.keys.contains(key) ? Optional.of(new StoredObject(5, "text/plain", null)) : Optional.empty();
		}

		@Override
		public List<Optional<StoredObject>> headAll(Profile profile, List<String> keys) {
			return keys.stream().map((key) -> head(profile, key, null)).toList();
		}

	}

}
