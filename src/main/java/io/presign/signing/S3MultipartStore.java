package io.presign.signing;

import java.util.List;
import java.util.function.Supplier;

import io.presign.policy.Encryption;
import io.presign.policy.PartRef;
import io.presign.policy.Profile;
import io.presign.policy.UploadedPart;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;

/**
 * Multipart calls through the profile's S3 client, signed with the signing credentials.
 */
final class S3MultipartStore implements MultipartStore {

	private final PresignerRegistry clients;

	S3MultipartStore(PresignerRegistry clients) {
		this.clients = clients;
	}

	@Override
	public String start(Profile profile, String key, @Nullable String contentType) {
		CreateMultipartUploadRequest.Builder create = CreateMultipartUploadRequest.builder()
			.bucket(profile.bucket())
			.key(key)
			.contentType(contentType);
		Encryption encryption = profile.encryption();
		if (encryption != null) {
			create.serverSideEncryption(encryption.algorithm()).ssekmsKeyId(encryption.kmsKeyId());
		}
		return call(() -> this.clients.clientFor(profile).createMultipartUpload(create.build()).uploadId());
	}

	@Override
	public PartsPage listParts(Profile profile, String key, String uploadId, @Nullable Integer partNumberMarker) {
		ListPartsResponse page = call(() -> this.clients.clientFor(profile)
			.listParts((request) -> request.bucket(profile.bucket())
				.key(key)
				.uploadId(uploadId)
				.partNumberMarker(partNumberMarker)));
		List<UploadedPart> parts = page.parts()
			.stream()
			.map((part) -> new UploadedPart(part.partNumber(), part.eTag(), part.size(), part.lastModified()))
			.toList();
		boolean truncated = Boolean.TRUE.equals(page.isTruncated());
		return new PartsPage(parts, truncated ? page.nextPartNumberMarker() : null, truncated);
	}

	@Override
	public CompletedUpload complete(Profile profile, String key, String uploadId, List<PartRef> parts) {
		List<CompletedPart> completed = parts.stream()
			.map((part) -> CompletedPart.builder().partNumber(part.partNumber()).eTag(part.etag()).build())
			.toList();
		CompleteMultipartUploadResponse response = call(() -> this.clients.clientFor(profile)
			.completeMultipartUpload((request) -> request.bucket(profile.bucket())
				.key(key)
				.uploadId(uploadId)
				.multipartUpload((upload) -> upload.parts(completed))));
		return new CompletedUpload(profile.bucket(), key, response.eTag(), response.location());
	}

	@Override
	public void abort(Profile profile, String key, String uploadId) {
		call(() -> this.clients.clientFor(profile)
			.abortMultipartUpload((request) -> request.bucket(profile.bucket()).key(key).uploadId(uploadId)));
	}

	private static <T> T call(Supplier<T> s3Call) {
		try {
			return s3Call.get();
		}
		catch (AwsServiceException ex) {
			if (ex.statusCode() >= 400 && ex.statusCode() < 500 && ex.statusCode() != 403) {
				AwsErrorDetails details = ex.awsErrorDetails();
				String message = (details != null) ? details.errorMessage() : null;
				throw new StorageRejectedException(ex.statusCode(), (details != null) ? details.errorCode() : "Unknown",
						(message != null) ? message : String.valueOf(ex.getMessage()));
			}
			// 403 and 5xx are the service's problem (its IAM policy, S3's availability),
			// not the client's.
			throw new SigningUnavailableException("S3 refused a multipart call: " + ex.getMessage(), ex);
		}
		catch (SdkException ex) {
			throw new SigningUnavailableException("S3 could not be reached: " + ex.getMessage(), ex);
		}
	}

}
