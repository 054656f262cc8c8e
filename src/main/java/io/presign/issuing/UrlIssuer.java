package io.presign.issuing;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import io.presign.policy.BatchDownloadIntent;
import io.presign.policy.BatchItem;
import io.presign.policy.Caller;
import io.presign.policy.DownloadGrant;
import io.presign.policy.DownloadIntent;
import io.presign.policy.FormUploadGrant;
import io.presign.policy.FormUploadIntent;
import io.presign.policy.PresignPolicy;
import io.presign.policy.Profile;
import io.presign.policy.UploadGrant;
import io.presign.policy.UploadIntent;
import io.presign.policy.UploadPartGrant;
import io.presign.signing.PresignedForm;
import io.presign.signing.PresignedUrl;
import io.presign.signing.UrlSigner;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Issues URLs: policy decides, the signer signs. Every URL the service hands out passes through here.
 */
@Service
public final class UrlIssuer {

	private final PresignPolicy policy;

	private final UrlSigner signer;

	private final IssuanceQuota quota;

	private final List<IssuanceObserver> observers;

	/**
	 * @param policy decides what a caller may have
	 * @param signer signs what policy granted
	 * @param quota limits URLs per caller and profile
	 * @param observers told of every issued URL
	 */
	public UrlIssuer(PresignPolicy policy, UrlSigner signer, IssuanceQuota quota, List<IssuanceObserver> observers) {
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
		DownloadGrant grant = this.policy.authorizeDownload(caller, intent);
		this.quota.consume(caller, grant.profile(), 1);
		return issue(caller, grant.profile(), UrlKind.DOWNLOAD, grant.key(), () -> this.signer.presignDownload(grant));
	}

	/**
	 * Issue an upload URL.
	 * @param intent what the caller asks for
	 * @return the issued URL
	 */
	public IssuedUrl issueUpload(Caller caller, UploadIntent intent) {
		UploadGrant grant = this.policy.authorizeUpload(caller, intent);
		this.quota.consume(caller, grant.profile(), 1);
		return issue(caller, grant.profile(), UrlKind.UPLOAD, grant.key(), () -> this.signer.presignUpload(grant));
	}

	/**
	 * Issue download URLs for many keys of one profile; each allowed key costs one URL of the quota.
	 * @param intent what the caller asks for
	 * @return one result per key, in request order
	 */
	public List<BatchResult> issueBatchDownload(Caller caller, BatchDownloadIntent intent) {
		List<BatchItem> items = this.policy.authorizeBatchDownload(caller, intent);
		List<BatchItem> granted = items.stream().filter((item) -> item.grant() != null).toList();
		if (!granted.isEmpty()) {
			this.quota.consume(caller, granted.get(0).grant().profile(), granted.size());
		}
		return items.stream().map((item) -> {
			if (item.grant() == null) {
				return new BatchResult(item, null);
			}
			DownloadGrant grant = item.grant();
			return new BatchResult(item, issue(caller, grant.profile(), UrlKind.DOWNLOAD, grant.key(),
					() -> this.signer.presignDownload(grant)));
		}).toList();
	}

	/**
	 * Issue UploadPart URLs for parts of a multipart upload the caller may write; each part costs one URL.
	 * @param profile the profile name
	 * @param key the upload's full key
	 * @param uploadId the upload
	 * @param contentLength the upload's declared total size, which fixes each part's signed length
	 * @param partNumbers the parts
	 * @param expiresInSeconds the wished expiry
	 * @return one URL per part, in request order
	 */
	public List<IssuedUrl> issueUploadParts(Caller caller, String profile, String key, String uploadId,
			Long contentLength, List<Integer> partNumbers, @Nullable Long expiresInSeconds) {
		List<UploadPartGrant> grants = this.policy.authorizeParts(caller, profile, key, uploadId, contentLength,
				partNumbers, expiresInSeconds);
		this.quota.consume(caller, grants.get(0).profile(), grants.size());
		return grants.stream()
			.map((grant) -> issue(caller, grant.profile(), UrlKind.MULTIPART_PART, grant.key(),
					() -> this.signer.presignUploadPart(grant)))
			.toList();
	}

	/**
	 * Issue a signed browser form upload.
	 * @param intent what the caller asks for
	 * @return the form and the grant it was signed for
	 */
	public IssuedForm issueFormUpload(Caller caller, FormUploadIntent intent) {
		FormUploadGrant grant = this.policy.authorizeFormUpload(caller, intent);
		this.quota.consume(caller, grant.profile(), 1);
		long start = System.nanoTime();
		PresignedForm form = this.signer.presignFormUpload(grant);
		Duration signingTime = Duration.ofNanos(System.nanoTime() - start);
		String key = (grant.key() != null) ? grant.key() : grant.keyPrefix() + "*";
		Issuance issuance = new Issuance(grant.profile(), UrlKind.FORM_UPLOAD, key, form.lifetime(), form.expiresAt(),
				form.cappedBy(), signingTime);
		this.observers.forEach((observer) -> observer.issued(caller, issuance));
		return new IssuedForm(grant, form);
	}

	private IssuedUrl issue(Caller caller, Profile profile, UrlKind kind, String key,
			Supplier<PresignedUrl> signing) {
		long start = System.nanoTime();
		PresignedUrl url = signing.get();
		Duration signingTime = Duration.ofNanos(System.nanoTime() - start);
		Issuance issuance = new Issuance(profile, kind, key, url.lifetime(), url.expiresAt(), url.cappedBy(),
				signingTime);
		this.observers.forEach((observer) -> observer.issued(caller, issuance));
		return new IssuedUrl(profile, kind, key, url);
	}

	/**
	 * The profiles a caller may use.
	 * @return those profiles
	 */
	public List<Profile> profilesFor(Caller caller) {
		return this.policy.profilesFor(caller);
	}

}
