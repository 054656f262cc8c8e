package io.presign.signing;

import java.util.List;
import java.util.function.Supplier;

import io.presign.policy.Checksum;
import io.presign.policy.ChecksumAlgorithm;
import io.presign.policy.Encryption;
import io.presign.policy.MultipartCompletion;
import io.presign.policy.ObjectStamp;
import io.presign.policy.Profile;
import io.presign.policy.UploadedPart;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.Part;

/**
 * Multipart calls through the profile's S3 client, signed with the signing credentials.
 */
final class S3MultipartStore implements MultipartStore {

	private final PresignerRegistry clients;

	S3MultipartStore(PresignerRegistry clients) {
		this.clients = clients;
	}

	@Override
	public String start(Profile profile, String key, @Nullable String contentType, ObjectStamp stamp,
			@Nullable ChecksumAlgorithm checksumAlgorithm) {
		CreateMultipartUploadRequest.Builder create = CreateMultipartUploadRequest.builder()
			.bucket(profile.bucket())
			.key(key)
			.contentType(contentType)
			.storageClass(stamp.storageClass());
		if (checksumAlgorithm != null) {
			create.checksumAlgorithm(checksumAlgorithm.name()).checksumType(ChecksumType.FULL_OBJECT);
		}
		if (!stamp.metadata().isEmpty()) {
			create.metadata(stamp.metadata());
		}
		if (!stamp.tags().isEmpty()) {
			create.tagging(S3Request.tagging(stamp));
		}
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
			.map((part) -> new UploadedPart(part.partNumber(), part.eTag(), part.size(), part.lastModified(),
					checksumOf(part)))
			.toList();
		boolean truncated = Boolean.TRUE.equals(page.isTruncated());
		return new PartsPage(parts, truncated ? page.nextPartNumberMarker() : null, truncated);
	}

	/**
	 * The checksum S3 lists for a part, in whichever algorithm the upload has.
	 */
	private static @Nullable Checksum checksumOf(Part part) {
		for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
			String value = switch (algorithm) {
				case CRC32 -> part.checksumCRC32();
				case CRC32C -> part.checksumCRC32C();
				case CRC64NVME -> part.checksumCRC64NVME();
				case SHA1 -> part.checksumSHA1();
				case SHA256 -> part.checksumSHA256();
			};
			if (value != null) {
				return new Checksum(algorithm, value);
			}
		}
		return null;
	}

	@Override
	public CompletedUpload complete(Profile profile, String key, String uploadId, MultipartCompletion completion) {
		List<CompletedPart> completed = completion.parts().stream().map(S3MultipartStore::completedPart).toList();
		CompleteMultipartUploadRequest.Builder complete = CompleteMultipartUploadRequest.builder()
			.bucket(profile.bucket())
			.key(key)
			.uploadId(uploadId)
			.ifNoneMatch(profile.objects().createOnly() ? "*" : null)
			.multipartUpload((upload) -> upload.parts(completed));
		Checksum whole = completion.wholeObject();
		if (whole != null) {
			complete.checksumType(ChecksumType.FULL_OBJECT);
			switch (whole.algorithm()) {
				case CRC32 -> complete.checksumCRC32(whole.value());
				case CRC32C -> complete.checksumCRC32C(whole.value());
				case CRC64NVME -> complete.checksumCRC64NVME(whole.value());
				case SHA1, SHA256 -> throw new IllegalArgumentException(
						"S3 keeps no " + whole.algorithm() + " checksum of a whole object uploaded in parts");
			}
		}
		CompleteMultipartUploadResponse response = call(
				() -> this.clients.clientFor(profile).completeMultipartUpload(complete.build()));
		return new CompletedUpload(profile.bucket(), key, response.eTag(), response.location());
	}

	/**
	 * A part as S3 listed it, with its checksum, which S3 requires of every part of an
	 * upload started with a checksum algorithm.
	 */
	private static CompletedPart completedPart(UploadedPart part) {
		CompletedPart.Builder completed = CompletedPart.builder().partNumber(part.partNumber()).eTag(part.etag());
		Checksum checksum = part.checksum();
		if (checksum != null) {
			switch (checksum.algorithm()) {
				case CRC32 -> completed.checksumCRC32(checksum.value());
				case CRC32C -> completed.checksumCRC32C(checksum.value());
				case CRC64NVME -> completed.checksumCRC64NVME(checksum.value());
				case SHA1 -> completed.checksumSHA1(checksum.value());
				case SHA256 -> completed.checksumSHA256(checksum.value());
			}
		}
		return completed.build();
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
