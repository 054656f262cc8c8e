package io.presign.issuing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.presign.policy.BatchDownloadIntent;
import io.presign.policy.BatchItem;
import io.presign.policy.Caller;
import io.presign.policy.CookieGrant;
import io.presign.policy.CookieIntent;
import io.presign.policy.DownloadGrant;
import io.presign.policy.DownloadIntent;
import io.presign.policy.FormUploadGrant;
import io.presign.policy.FormUploadIntent;
import io.presign.policy.PolicyViolation;
import io.presign.policy.PresignPolicy;
import io.presign.policy.Profile;
import io.presign.policy.Rule;
import io.presign.policy.UploadGrant;
import io.presign.policy.UploadIntent;
import io.presign.signing.CloudFrontSigner;
import io.presign.signing.PresignedForm;
import io.presign.signing.StoredObject;
import io.presign.signing.StoredObjects;
import io.presign.signing.UrlSigner;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Issues single-object URLs, batches of downloads, CloudFront cookies and form uploads:
 * policy decides, the quota counts, the signer signs and the observers record. Multipart
 * uploads have a service of their own on the same steps
 * ({@link io.presign.issuing.multipart.MultipartUploads}).
 */
@Service
public final class UrlIssuer {

	private final PresignPolicy policy;

	private final UrlSigner signer;

	private final IssuanceQuota quota;

	private final StoredObjects objects;

	private final CloudFrontSigner cloudFront;

	private final ObservedSigning signing;

	/**
	 * @param policy decides what a caller may have
	 * @param signer signs what policy granted
	 * @param quota limits URLs per caller and profile
	 * @param objects asked whether an object exists, for profiles that require it
	 * @param cloudFront signs for profiles that deliver through CloudFront
	 * @param signing observes each decision and signing, and tells the observers
	 */
	public UrlIssuer(PresignPolicy policy, UrlSigner signer, IssuanceQuota quota, StoredObjects objects,
			CloudFrontSigner cloudFront, ObservedSigning signing) {
		this.policy = policy;
		this.signer = signer;
		this.quota = quota;
		this.objects = objects;
		this.cloudFront = cloudFront;
		this.signing = signing;
	}

	/**
	 * Issue a download URL.
	 * @param intent what the caller asks for
	 * @return the issued URL
	 */
	public IssuedUrl issueDownload(Caller caller, DownloadIntent intent) {
		DownloadGrant grant = this.signing.decide(() -> this.policy.authorizeDownload(caller, intent));
		this.quota.consume(caller, grant.profile(), 1);
		StoredObject stored = null;
		if (grant.profile().requireExisting()) {
			String field = (intent.key() != null) ? "key" : "fullKey";
			stored = this.objects.head(grant.profile(), grant.key(), grant.versionId())
				.orElseThrow(() -> objectNotFound(field, grant.key()));
		}
		return this.signing.signOne(caller, grant.profile(), UrlKind.DOWNLOAD, grant.key(),
				() -> (grant.profile().cloudFront() != null) ? this.cloudFront.signDownload(grant)
						: this.signer.presignDownload(grant))
			.withObject(stored);
	}

	/**
	 * Issue an upload URL.
	 * @param intent what the caller asks for
	 * @return the issued URL
	 */
	public IssuedUrl issueUpload(Caller caller, UploadIntent intent) {
		UploadGrant grant = this.signing.decide(() -> this.policy.authorizeUpload(caller, intent));
		this.quota.consume(caller, grant.profile(), 1);
		return this.signing.signOne(caller, grant.profile(), UrlKind.UPLOAD, grant.key(),
				() -> this.signer.presignUpload(grant));
	}

	/**
	 * Issue download URLs for many keys of one profile; each allowed key costs one URL of
	 * the quota.
	 * @param intent what the caller asks for
	 * @return one result per key, in request order
	 */
	public List<BatchResult> issueBatchDownload(Caller caller, BatchDownloadIntent intent) {
		List<BatchItem> items = this.signing.decide(() -> this.policy.authorizeBatchDownload(caller, intent));
		List<DownloadGrant> allowed = grantsOf(items);
		if (allowed.isEmpty()) {
			return items.stream().map((item) -> new BatchResult(item, null)).toList();
		}
		Profile profile = allowed.get(0).profile();
		// Counted before S3 is asked, so that the rate limit bounds the HeadObject calls
		// too.
		this.quota.consume(caller, profile, allowed.size());
		Map<BatchItem, StoredObject> stored = new IdentityHashMap<>();
		if (profile.requireExisting()) {
			items = withoutMissingObjects(profile, items, allowed, stored);
		}
		List<DownloadGrant> grants = grantsOf(items);
		if (grants.isEmpty()) {
			return items.stream().map((item) -> new BatchResult(item, null)).toList();
		}
		Iterator<IssuedUrl> issued = this.signing.sign(caller, profile, UrlKind.DOWNLOAD,
				grants.stream().map(DownloadGrant::key).toList(), () -> (profile.cloudFront() != null)
						? this.cloudFront.signDownloads(grants) : this.signer.presignDownloads(grants))
			.iterator();
		return items.stream()
			.map((item) -> new BatchResult(item,
					(item.grant() != null) ? issued.next().withObject(stored.get(item)) : null))
			.toList();
	}

	/**
	 * The items with a grant for a missing object turned into refusals of their own.
	 * @param stored filled with what S3 holds under each remaining item's key
	 */
	private List<BatchItem> withoutMissingObjects(Profile profile, List<BatchItem> items, List<DownloadGrant> allowed,
			Map<BatchItem, StoredObject> stored) {
		Iterator<Optional<StoredObject>> answers = this.objects
			.headAll(profile, allowed.stream().map(DownloadGrant::key).toList())
			.iterator();
		List<BatchItem> checked = new ArrayList<>(items.size());
		for (BatchItem item : items) {
			DownloadGrant grant = item.grant();
			Optional<StoredObject> object = (grant != null) ? answers.next() : Optional.empty();
			if (grant != null && object.isEmpty()) {
				checked.add(new BatchItem(item.requested(), item.full(), null,
						objectNotFound(item.full() ? "fullKeys" : "keys", grant.key())));
			}
			else {
				checked.add(item);
				object.ifPresent((present) -> stored.put(item, present));
			}
		}
		return checked;
	}

	private static List<DownloadGrant> grantsOf(List<BatchItem> items) {
		List<DownloadGrant> grants = new ArrayList<>(items.size());
		for (BatchItem item : items) {
			DownloadGrant grant = item.grant();
			if (grant != null) {
				grants.add(grant);
			}
		}
		return grants;
	}

	/**
	 * Issue CloudFront signed cookies for every object under a prefix of the caller's;
	 * they count as one URL.
	 * @param intent what the caller asks for
	 * @return the cookies
	 */
	public IssuedCookies issueCookies(Caller caller, CookieIntent intent) {
		CookieGrant grant = this.policy.authorizeCookies(caller, intent);
		this.quota.consume(caller, grant.profile(), 1);
		long start = System.nanoTime();
		CloudFrontSigner.SignedCookies cookies = this.cloudFront.signCookies(grant);
		this.signing.record(caller,
				new Issuance(grant.profile(), UrlKind.COOKIES, List.of(grant.keyPrefix()), cookies.lifetime(),
						cookies.expiresAt(), cookies.cappedBy(), Duration.ofNanos(System.nanoTime() - start)));
		return IssuedCookies.of(cookies);
	}

	private static PolicyViolation objectNotFound(String field, String key) {
		return new PolicyViolation(Rule.OBJECT_NOT_FOUND, field, "S3 holds no object under '" + key + "'");
	}

	/**
	 * Issue a signed browser form upload.
	 * @param intent what the caller asks for
	 * @return the form and the grant it was signed for
	 */
	public IssuedForm issueFormUpload(Caller caller, FormUploadIntent intent) {
		return issueForm(caller, this.signing.decide(() -> this.policy.authorizeFormUpload(caller, intent)));
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

	private IssuedForm issueForm(Caller caller, FormUploadGrant grant) {
		this.quota.consume(caller, grant.profile(), 1);
		long start = System.nanoTime();
		PresignedForm form = this.signer.presignFormUpload(grant);
		Duration signingTime = Duration.ofNanos(System.nanoTime() - start);
		String key = (grant.key() != null) ? grant.key() : grant.keyPrefix() + "*";
		this.signing.record(caller, new Issuance(grant.profile(), UrlKind.FORM_UPLOAD, List.of(key), form.lifetime(),
				form.expiresAt(), form.cappedBy(), signingTime));
		return IssuedForm.of(grant, form);
	}

	/**
	 * The profiles a caller may use.
	 * @return those profiles
	 */
	public List<Profile> profilesFor(Caller caller) {
		return this.policy.profilesFor(caller);
	}

}
