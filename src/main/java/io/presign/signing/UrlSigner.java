package io.presign.signing;

import java.util.List;

import io.presign.policy.DownloadGrant;
import io.presign.policy.FormUploadGrant;
import io.presign.policy.MultipartCallGrant;
import io.presign.policy.UploadGrant;
import io.presign.policy.UploadPartGrant;

/**
 * Signs what policy granted. The only seam between the service and a signing
 * implementation, so the signing path can be measured or replaced without touching policy
 * or controllers.
 */
public interface UrlSigner {

	/**
	 * Sign a GET for a granted download.
	 * @return the signed request
	 * @throws SigningUnavailableException if no signature can be made right now
	 */
	PresignedUrl presignDownload(DownloadGrant grant);

	/**
	 * Sign GETs for a batch of granted downloads of one profile and one expiry, with one
	 * resolution of the credentials and one signing time for all.
	 * @return the signed requests, in the grants' order
	 * @throws SigningUnavailableException if no signature can be made right now
	 */
	List<PresignedUrl> presignDownloads(List<DownloadGrant> grants);

	/**
	 * Sign a PUT for a granted upload; the grant's content type and length are signed in.
	 * @return the signed request
	 * @throws SigningUnavailableException if no signature can be made right now
	 */
	PresignedUrl presignUpload(UploadGrant grant);

	/**
	 * Sign an UploadPart of a multipart upload.
	 * @return the signed request
	 * @throws SigningUnavailableException if no signature can be made right now
	 */
	PresignedUrl presignUploadPart(UploadPartGrant grant);

	/**
	 * Sign UploadParts of one multipart upload, with one resolution of the credentials
	 * for all.
	 * @return the signed requests, in the grants' order
	 * @throws SigningUnavailableException if no signature can be made right now
	 */
	List<PresignedUrl> presignUploadParts(List<UploadPartGrant> grants);

	/**
	 * Sign a ListParts or AbortMultipartUpload of a multipart upload, for a client that
	 * calls S3 itself.
	 * @return the signed request
	 * @throws SigningUnavailableException if no signature can be made right now
	 */
	PresignedUrl presignMultipartCall(MultipartCallGrant grant);

	/**
	 * Sign a browser form POST policy.
	 * @return the form
	 * @throws SigningUnavailableException if no signature can be made right now
	 */
	PresignedForm presignFormUpload(FormUploadGrant grant);

}
