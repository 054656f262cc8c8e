package io.presign.signing;

import io.presign.policy.DownloadGrant;
import io.presign.policy.FormUploadGrant;
import io.presign.policy.UploadGrant;
import io.presign.policy.UploadPartGrant;

/**
 * Signs what policy granted. The only seam between the service and a signing implementation, so the
 * signing path can be measured or replaced without touching policy or controllers.
 */
public interface UrlSigner {

	/**
	 * Sign a GET for a granted download.
	 * @return the signed request
	 * @throws SigningUnavailableException if no signature can be made right now
	 */
	PresignedUrl presignDownload(DownloadGrant grant);

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
	 * Sign a browser form POST policy.
	 * @return the form
	 * @throws SigningUnavailableException if no signature can be made right now
	 */
	PresignedForm presignFormUpload(FormUploadGrant grant);

}
