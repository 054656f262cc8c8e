package io.presign.issuing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.presign.policy.BatchDownloadIntent;
import io.presign.policy.BatchItem;
import io.presign.policy.Caller;
import io.presign.policy.CookieGrant;
import io.presign.policy.CookieIntent;
import io.presign.policy.DownloadGrant;
import io.presign.policy.DownloadIntent;
import io.presign.policy.FormUploadGrant;
import io.presign.policy.FormUploadIntent;
import io.presign.policy.MultipartCallGrant;
import io.presign.policy.MultipartPlan;
import io.presign.policy.MultipartStartIntent;
import io.presign.policy.PolicyViolation;
import io.presign.policy.PresignPolicy;
import io.presign.policy.Profile;
import io.presign.policy.Rule;
import io.presign.policy.UploadGrant;
import io.presign.policy.UploadIntent;
import io.presign.policy.UploadPartGrant;
import io.presign.policy.UploadPartsIntent;
import io.presign.signing.CloudFrontSigner;
import io.presign.signing.MultipartUploads;
import io.presign.signing.PresignedForm;
import io.presign.signing.PresignedUrl;
import io.presign.signing.StoredObject;
import io.presign.signing.StoredObjects;
import io.presign.signing.UrlSigner;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Issues URLs: policy decides, the signer signs. Every URL the service hands out passes
 * through here.
 */
@Service
public final class UrlIssuer {

	private final PresignPolicy policy;

	private final UrlSigner signer;

	private final IssuanceQuota quota;

	private final List<IssuanceObserver> observers;

	private final MultipartUploads uploads;

	private final StoredObjects objects;

	private final CloudFrontSigner cloudFront;

	private final ObservationRegistry observations;

	/**
	 * @param policy decides what a caller may have
	 * @param signer signs what policy granted
	 * @param quota limits URLs per caller and profile
	 * @param uploads the multipart calls to S3
	 * @param objects asked whether an object exists, for profiles that require it
	 * @param observers told of every issued URL
	 * @param cloudFront signs for profiles that deliver through CloudFront
	 * @param observations where the policy decision and the signing of each request are
	 * observed (spans)
	 */
	public UrlIssuer(PresignPolicy policy, UrlSigner signer, MultipartUploads uploads, StoredObjects objects,
			IssuanceQuota quota, List<IssuanceObserver> observers, CloudFrontSigner cloudFront,
			ObservationRegistry observations) {
		this.cloudFront = cloudFront;
		this.observations = observations;
		this.uploads = uploads;
		this.objects = objects;
		this.policy = policy;
		this.signer = signer;
		this.quota = quota;
		this.observers = List.copyOf(observers);
	}

	/**
	 * Issue a download URL.
	 * @param intent what the caller asks for
	 * @return the issued URL
	 */
	public IssuedUrl issueDownload(Caller caller, DownloadIntent intent) {
		DownloadGrant grant = decided(() -> this.policy.authorizeDownload(caller, intent));
		this.quota.consume(caller, grant.profile(), 1);
		StoredObject stored = null;
		if (grant.profile().requireExisting()) {
			String field = (intent.key() != null) ? "key" : "fullKey";
			stored = this.objects.head(grant.profile(), grant.key(), grant.versionId())
				.orElseThrow(() -> objectNotFound(field, grant.key()));
		}
		return issue(caller, grant.profile(), UrlKind.DOWNLOAD, List.of(grant.key()),
				() -> List.of((grant.profile().cloudFront() != null) ? this.cloudFront.signDownload(grant)
						: this.signer.presignDownload(grant)))
			.get(0)
			.withObject(stored);
	}

	/**
	 * Issue an upload URL.
	 * @param intent what the caller asks for
	 * @return the issued URL
	 */
	public IssuedUrl issueUpload(Caller caller, UploadIntent intent) {
		UploadGrant grant = decided(() -> this.policy.authorizeUpload(caller, intent));
		this.quota.consume(caller, grant.profile(), 1);
		return issue(caller, grant.profile(), UrlKind.UPLOAD, List.of(grant.key()),
				() -> List.of(this.signer.presignUpload(grant)))
			.get(0);
	}

	/**
	 * Issue download URLs for many keys of one profile; each allowed key costs one URL of
	 * the quota.
	 * @param intent what the caller asks for
	 * @return one result per key, in request order
	 */
	public List<BatchResult> issueBatchDownload(Caller caller, BatchDownloadIntent intent) {
		List<BatchItem> items = decided(() -> this.policy.authorizeBatchDownload(caller, intent));
		List<BatchItem> allowed = items.stream().filter((item) -> item.grant() != null).toList();
		if (allowed.isEmpty()) {
			return items.stream().map((item) -> new BatchResult(item, null)).toList();
		}
		Profile profile = allowed.get(0).grant().profile();
		// Counted before S3 is asked, so that the rate limit bounds the HeadObject calls
		// too.
		this.quota.consume(caller, profile, allowed.size());
		Map<BatchItem, StoredObject> stored = new IdentityHashMap<>();
		if (profile.requireExisting()) {
			List<Optional<StoredObject>> found = this.objects.headAll(profile,
					allowed.stream().map((item) -> item.grant().key()).toList());
			List<BatchItem> checked = new ArrayList<>(items.size());
			Iterator<Optional<StoredObject>> answers = found.iterator();
			for (BatchItem item : items) {
				Optional<StoredObject> object = (item.grant() != null) ? answers.next() : Optional.empty();
				if (item.grant() != null && object.isEmpty()) {
					checked.add(new BatchItem(item.requested(), item.full(), null,
							objectNotFound(item.full() ? "fullKeys" : "keys", item.grant().key())));
				}
				else {
					checked.add(item);
					object.ifPresent((present) -> stored.put(item, present));
				}
			}
			items = checked;
		}
		List<DownloadGrant> grants = new ArrayList<>(items.size());
		List<String> keys = new ArrayList<>(items.size());
		for (BatchItem item : items) {
			if (item.grant() != null) {
				grants.add(item.grant());
				keys.add(item.grant().key());
			}
		}
		if (grants.isEmpty()) {
			return items.stream().map((item) -> new BatchResult(item, null)).toList();
		}
		Iterator<IssuedUrl> issued = issue(caller, profile, UrlKind.DOWNLOAD, keys, () -> (profile.cloudFront() != null)
				? this.cloudFront.signDownloads(grants) : this.signer.presignDownloads(grants))
			.iterator();
		return items.stream()
			.map((item) -> new BatchResult(item,
					(item.grant() != null) ? issued.next().withObject(stored.get(item)) : null))
			.toList();
	}

	/**
	 * Issue CloudFront signed cookies for every object under a prefix of the caller's;
	 * they count as one URL.
	 * @param intent what the caller asks for
	 * @return the cookies
	 */
	public CloudFrontSigner.SignedCookies issueCookies(Caller caller, CookieIntent intent) {
		CookieGrant grant = this.policy.authorizeCookies(caller, intent);
		this.quota.consume(caller, grant.profile(), 1);
		long start = System.nanoTime();
		CloudFrontSigner.SignedCookies cookies = this.cloudFront.signCookies(grant);
		observe(caller, new Issuance(grant.profile(), UrlKind.COOKIES, List.of(grant.keyPrefix()), cookies.lifetime(),
				cookies.expiresAt(), cookies.cappedBy(), Duration.ofNanos(System.nanoTime() - start)));
		return cookies;
	}

	private static PolicyViolation objectNotFound(String field, String key) {
		return new PolicyViolation(Rule.OBJECT_NOT_FOUND, field, "S3 holds no object under '" + key + "'");
	}

	/**
	 * Start a multipart upload: the policy plans its parts, S3 creates it.
	 * @param intent what the caller asks for
	 * @return the plan and S3's upload id
	 */
	public StartedUpload startMultipart(Caller caller, MultipartStartIntent intent) {
		MultipartPlan plan = this.policy.authorizeMultipartStart(caller, intent);
		this.quota.consume(caller, plan.profile(), 1);
		return new StartedUpload(plan, this.uploads.start(plan));
	}

	/**
	 * Issue UploadPart URLs for parts of a multipart upload the caller may write; each
	 * part costs one URL.
	 * @param intent what the caller asks for
	 * @return one URL per part, in request order
	 */
	public List<IssuedUrl> issueUploadParts(Caller caller, UploadPartsIntent intent) {
		List<UploadPartGrant> grants = decided(() -> this.policy.authorizeParts(caller, intent));
		Profile profile = grants.get(0).profile();
		this.quota.consume(caller, profile, grants.size());
		return issue(caller, profile, UrlKind.MULTIPART_PART, grants.stream().map(UploadPartGrant::key).toList(),
				() -> this.signer.presignUploadParts(grants));
	}

	/**
	 * Issue a signed browser form upload.
	 * @param intent what the caller asks for
	 * @return the form and the grant it was signed for
	 */
	public IssuedForm issueFormUpload(Caller caller, FormUploadIntent intent) {
		return issueForm(caller, decided(() -> this.policy.authorizeFormUpload(caller, intent)));
	}

	/**
	 * Issue a form upload under a key the service names, for a widget that signs before a
	 * key is chosen.
	 * @param fileName the client's file name, whose plain extension the key keeps
	 * @return the form and the grant it was signed for
	 */
	public IssuedForm issueGeneratedFormUpload(Caller caller, String profile, @Nullable String fileName,
			@Nullable String contentType) {
		return issueForm(caller, this.policy.authorizeGeneratedFormUpload(caller, profile, fileName, contentType));
	}

	/**
	 * Issue the URL of one part of a multipart upload whose size was not declared: it
	 * signs no length.
	 * @return the URL
	 */
	public IssuedUrl issueUnsizedPart(Caller caller, String profile, String key, String uploadId,
			@Nullable Integer partNumber) {
		UploadPartGrant grant = this.policy.authorizeUnsizedPart(caller, profile, key, uploadId, partNumber);
		this.quota.consume(caller, grant.profile(), 1);
		return issue(caller, grant.profile(), UrlKind.MULTIPART_PART, List.of(key),
				() -> List.of(this.signer.presignUploadPart(grant)))
			.get(0);
	}

	/**
	 * Issue a URL that lists the parts of, or aborts, a multipart upload of the caller's.
	 * @return the URL
	 */
	public IssuedUrl issueMultipartCall(Caller caller, String profile, String key, String uploadId,
			MultipartCallGrant.Call call) {
		MultipartCallGrant grant = this.policy.authorizeMultipartCall(caller, profile, key, uploadId, call);
		this.quota.consume(caller, grant.profile(), 1);
		UrlKind kind = (call == MultipartCallGrant.Call.LIST_PARTS) ? UrlKind.MULTIPART_LIST : UrlKind.MULTIPART_ABORT;
		return issue(caller, grant.profile(), kind, List.of(key),
				() -> List.of(this.signer.presignMultipartCall(grant)))
			.get(0);
	}

	private IssuedForm issueForm(Caller caller, FormUploadGrant grant) {
		this.quota.consume(caller, grant.profile(), 1);
		long start = System.nanoTime();
		PresignedForm form = this.signer.presignFormUpload(grant);
		Duration signingTime = Duration.ofNanos(System.nanoTime() - start);
		String key = (grant.key() != null) ? grant.key() : grant.keyPrefix() + "*";
		observe(caller, new Issuance(grant.profile(), UrlKind.FORM_UPLOAD, List.of(key), form.lifetime(),
				form.expiresAt(), form.cappedBy(), signingTime));
		return new IssuedForm(grant, form);
	}

	/**
	 * Signs one request's URLs (they share profile, credentials and lifetime) and tells
	 * the observers once.
	 * @param keys the full key of each URL, in the order the signer returns them
	 */
	private List<IssuedUrl> issue(Caller caller, Profile profile, UrlKind kind, List<String> keys,
			Supplier<List<PresignedUrl>> signing) {
		long[] took = new long[1];
		List<PresignedUrl> urls = Observation.createNotStarted("presign.sign", this.observations)
			.lowCardinalityKeyValue("operation", kind.wireName())
			.observe(() -> {
				// Timed inside the observation, so that presign_signing_seconds measures
				// signing, not tracing.
				long start = System.nanoTime();
				List<PresignedUrl> signed = signing.get();
				took[0] = System.nanoTime() - start;
				return signed;
			});
		Duration signingTime = Duration.ofNanos(took[0]);
		PresignedUrl first = urls.get(0);
		observe(caller,
				new Issuance(profile, kind, keys, first.lifetime(), first.expiresAt(), first.cappedBy(), signingTime));
		List<IssuedUrl> issued = new ArrayList<>(urls.size());
		for (int i = 0; i < urls.size(); i++) {
			issued.add(new IssuedUrl(profile, kind, keys.get(i), urls.get(i)));
		}
		return issued;
	}

	/**
	 * A policy decision, observed: a span of its own, so that a trace shows how long
	 * deciding took apart from signing and from S3.
	 */
	private <T> T decided(Supplier<T> decision) {
		return Observation.createNotStarted("presign.policy", this.observations).observe(decision);
	}

	private void observe(Caller caller, Issuance issuance) {
		for (IssuanceObserver observer : this.observers) {
			observer.issued(caller, issuance);
		}
	}

	/**
	 * One page of the parts uploaded so far.
	 * @param profile the profile name
	 * @param key the upload's full key
	 * @param uploadId the upload
	 * @param partNumberMarker list parts after this number
	 * @return the page
	 */
	public MultipartUploads.PartsPage listParts(Caller caller, String profile, String key, String uploadId,
			@Nullable Integer partNumberMarker) {
		Profile allowed = multipartAccess(caller, profile, key);
		return this.uploads.listParts(allowed, key, uploadId, partNumberMarker);
	}

	/**
	 * Complete an upload from parts S3 holds, if together they stay within the profile's
	 * maximum size. The parts are assembled with the ETags S3 listed, never with the
	 * client's: a part replaced after the listing no longer matches, and S3 refuses the
	 * completion instead of assembling unchecked bytes.
	 * @param profile the profile name
	 * @param key the upload's full key
	 * @param uploadId the upload
	 * @param parts the parts to assemble
	 * @return the stored object
	 */
	public MultipartUploads.CompletedUpload completeMultipart(Caller caller, String profile, String key,
			String uploadId, List<MultipartUploads.PartRef> parts) {
		Profile allowed = multipartAccess(caller, profile, key);
		if (parts == null || parts.isEmpty()) {
			throw new PolicyViolation(Rule.PART_NUMBERS_INVALID, "parts", "Name the parts to assemble");
		}
		Map<Integer, MultipartUploads.UploadedPart> uploaded = uploadedParts(allowed, key, uploadId);
		List<MultipartUploads.PartRef> listed = new ArrayList<>(parts.size());
		long total = 0;
		for (MultipartUploads.PartRef named : parts) {
			MultipartUploads.UploadedPart part = uploaded.get(named.partNumber());
			if (part == null || !sameEtag(part.etag(), named.etag())) {
				throw new PolicyViolation(Rule.PART_NOT_UPLOADED, "parts", "Part " + named.partNumber()
						+ " is not among the parts S3 holds for this upload, or its ETag differs");
			}
			listed.add(new MultipartUploads.PartRef(part.partNumber(), part.etag()));
			total += part.size();
		}
		if (total > allowed.maxContentLength()) {
			throw new PolicyViolation(Rule.CONTENT_LENGTH_TOO_LARGE, "parts",
					"The parts add up to " + total + " bytes, over the profile's " + allowed.maxContentLength(),
					Map.of("maxContentLength", allowed.maxContentLength()));
		}
		return this.uploads.complete(allowed, key, uploadId, listed);
	}

	/**
	 * Abort an upload.
	 * @param profile the profile name
	 * @param key the upload's full key
	 * @param uploadId the upload
	 */
	public void abortMultipart(Caller caller, String profile, String key, String uploadId) {
		Profile allowed = multipartAccess(caller, profile, key);
		this.uploads.abort(allowed, key, uploadId);
	}

	private Profile multipartAccess(Caller caller, String profile, String key) {
		Profile allowed = this.policy.authorizeMultipartAccess(caller, profile, key);
		this.quota.consume(caller, allowed, 1);
		return allowed;
	}

	/**
	 * Every part S3 holds for the upload, by number: the client's own account cannot be
	 * trusted.
	 */
	private Map<Integer, MultipartUploads.UploadedPart> uploadedParts(Profile profile, String key, String uploadId) {
		Map<Integer, MultipartUploads.UploadedPart> uploaded = new HashMap<>();
		this.uploads.allParts(profile, key, uploadId).forEach((part) -> uploaded.put(part.partNumber(), part));
		return uploaded;
	}

	/**
	 * ETags compared without the quotes HTTP puts around them, which clients keep or
	 * strip as they like.
	 */
	private static boolean sameEtag(String listed, String named) {
		return listed != null && named != null && unquoted(listed).equals(unquoted(named));
	}

	private static String unquoted(String etag) {
		String trimmed = etag.strip();
		return (trimmed.length() >= 2 && trimmed.startsWith("\"") && trimmed.endsWith("\""))
				? trimmed.substring(1, trimmed.length() - 1) : trimmed;
	}

	/**
	 * The profiles a caller may use.
	 * @return those profiles
	 */
	public List<Profile> profilesFor(Caller caller) {
		return this.policy.profilesFor(caller);
	}

}
