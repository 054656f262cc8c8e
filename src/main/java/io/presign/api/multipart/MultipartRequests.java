package io.presign.api.multipart;

import java.time.Instant;
import java.util.List;

import io.presign.api.PresignedUrlResponse;
import io.presign.api.UploadRequest;
import io.presign.api.problem.ObjectRequest;
import io.presign.issuing.multipart.MultipartUploads;
import io.presign.policy.MultipartCompleteIntent;
import io.presign.policy.MultipartStartIntent;
import io.presign.policy.PartRef;
import io.presign.policy.PolicyViolation;
import io.presign.policy.Rule;
import io.presign.policy.UploadPartsIntent;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;

/**
 * Bodies and answers of the multipart endpoints.
 */
final class MultipartRequests {

	static final String CHECKSUM_ALGORITHM = "The CRC that S3 checks each part against and combines into the whole "
			+ "object's checksum (FULL_OBJECT): give it again with each batch of parts, each part's checksum with it, "
			+ "and the whole file's at completion. Required where the profile requires a checksum.";

	private MultipartRequests() {
	}

	/**
	 * Body of {@code POST /v1/multipart-uploads}.
	 *
	 * @param key the key below the caller's prefix
	 * @param fullKey the full key, instead of {@code key}
	 * @param contentType the object's Content-Type
	 * @param contentLength the total size, to plan parts and check the profile's maximum;
	 * required
	 * @param checksumAlgorithm the CRC each part and the whole object carry
	 */
	@NullUnmarked
	@Schema(name = "MultipartStartRequest")
	record Start(@Schema(example = "videos") @NotBlank String profile,
			@Schema(example = "talks/keynote.mp4") String key, String fullKey,
			@Schema(example = "video/mp4") String contentType, @Schema(example = "12582912") Long contentLength,
			@Schema(description = CHECKSUM_ALGORITHM, allowableValues = {
					"CRC32", "CRC32C", "CRC64NVME" }) String checksumAlgorithm)
			implements
				ObjectRequest{

		MultipartStartIntent toIntent() {
			return new MultipartStartIntent(this.profile, this.key, this.fullKey, this.contentType, this.contentLength,
					this.checksumAlgorithm);
		}

		@Override
		public List<String> namedKeys() {
			return ObjectRequest.named(this.key, this.fullKey);
		}

	}

	/**
	 * Answer of {@code POST /v1/multipart-uploads}.
	 *
	 * @param uploadId S3's upload id
	 * @param key the full key: name it in every later call
	 * @param partSize the size of every part but the last
	 * @param partCount how many parts
	 * @param checksumAlgorithm the upload's checksum algorithm; absent for none
	 * @param checksumType {@code FULL_OBJECT} with a checksum algorithm; absent for none
	 */
	@Schema(name = "MultipartStartResponse")
	record Started(String uploadId,
			@Schema(description = "The full key: name it as fullKey in the later calls (or its part after the "
					+ "caller's prefix as key)", example = "users/alice/talks/keynote.mp4") String key,
			String bucket, @Schema(example = "8388608") long partSize, @Schema(example = "2") int partCount,
			@Schema(description = "The upload's checksum algorithm, as asked for; absent for none",
					example = "CRC32C") @Nullable String checksumAlgorithm,
			@Schema(description = "How S3 checks the whole object: FULL_OBJECT, a CRC of the whole file combined "
					+ "from the parts'; absent for no checksum",
					example = "FULL_OBJECT") @Nullable String checksumType) {
	}

	/**
	 * Body of {@code POST /v1/multipart-uploads/{uploadId}/parts}.
	 *
	 * @param key the upload's key below the caller's prefix, as given at the start
	 * @param fullKey the upload's full key, as the start answered it, instead of
	 * {@code key}
	 * @param contentLength the upload's total size, as declared at the start: each part
	 * URL signs its part's planned length (completion checks the real total)
	 * @param partNumbers the parts to presign
	 * @param expiresInSeconds the wished lifetime of the URLs
	 * @param checksumAlgorithm the upload's checksum algorithm, as given at the start
	 * @param checksums each part's checksum, in the order of {@code partNumbers}
	 */
	@NullUnmarked
	@Schema(name = "MultipartPartsRequest")
	record Parts(@NotBlank String profile,
			@Schema(description = "The key below the caller's prefix, as given at the start",
					example = "talks/keynote.mp4") String key,
			@Schema(description = "The full key, as the start answered it; give key or fullKey",
					example = "users/alice/talks/keynote.mp4") String fullKey,
			@Schema(example = "12582912") Long contentLength, @Schema(example = "[1,2]") List<Integer> partNumbers,
			Long expiresInSeconds,
			@Schema(description = "The upload's checksum algorithm, as given at the start", allowableValues = {
					"CRC32", "CRC32C", "CRC64NVME" }) String checksumAlgorithm,
			@Schema(description = "Each part's checksum, canonical base64, in the order of partNumbers: signed as "
					+ "x-amz-checksum-<algorithm>, so S3 answers 400 BadDigest for another body") List<String> checksums)
			implements
				ObjectRequest{

		UploadPartsIntent toIntent(String uploadId, List<Integer> numbers) {
			return new UploadPartsIntent(this.profile, this.key, this.fullKey, uploadId, this.contentLength, numbers,
					this.expiresInSeconds, this.checksumAlgorithm, this.checksums);
		}

		@Override
		public List<String> namedKeys() {
			return ObjectRequest.named(this.key, this.fullKey);
		}

	}

	/**
	 * One presigned part.
	 *
	 * @param partNumber the part
	 * @param url the URL and what to send with it
	 */
	@Schema(name = "MultipartPartUrl")
	record PartUrl(int partNumber, PresignedUrlResponse url) {
	}

	/**
	 * Answer of {@code POST /v1/multipart-uploads/{uploadId}/parts}.
	 *
	 * @param parts one URL per part; PUT each part's bytes and keep the ETag response
	 * header
	 */
	@Schema(name = "MultipartPartsResponse")
	record PartUrls(List<PartUrl> parts) {
	}

	/**
	 * A part to assemble.
	 *
	 * @param partNumber the part
	 * @param etag the ETag its PUT returned
	 * @param checksum the checksum its URL signed, in an upload with a checksum algorithm
	 */
	@NullUnmarked
	@Schema(name = "MultipartPart")
	record Part(int partNumber, @Schema(example = "\"5d41402abc4b2a76b9719d911017c592\"") String etag,
			@Schema(description = "The part's checksum, as signed into its URL, in an upload with a checksum "
					+ "algorithm: used where S3's listing of the parts leaves it out (S3 compares it with the "
					+ "one it computed)", example = "yZRlqg==") String checksum) {
	}

	/**
	 * Body of {@code POST /v1/multipart-uploads/{uploadId}/complete}.
	 *
	 * @param key the upload's key below the caller's prefix, as given at the start
	 * @param fullKey the upload's full key, as the start answered it, instead of
	 * {@code key}
	 * @param parts every part, in order
	 * @param checksum the whole object's checksum
	 */
	@NullUnmarked
	@Schema(name = "MultipartCompleteRequest")
	record Complete(@NotBlank String profile,
			@Schema(description = "The key below the caller's prefix, as given at the start",
					example = "talks/keynote.mp4") String key,
			@Schema(description = "The full key, as the start answered it; give key or fullKey",
					example = "users/alice/talks/keynote.mp4") String fullKey,
			List<Part> parts,
			@Schema(description = "The whole file's checksum, in the upload's algorithm: S3 creates the object only "
					+ "if it equals the one it combines from the parts' (else 400 BadDigest)") UploadRequest.ChecksumRequest checksum)
			implements
				ObjectRequest {

		MultipartCompleteIntent toIntent(String uploadId) {
			List<PartRef> named = (this.parts != null) ? this.parts.stream().map(Complete::named).toList() : List.of();
			return new MultipartCompleteIntent(this.profile, this.key, this.fullKey, uploadId, named,
					(this.checksum != null) ? this.checksum.algorithm() : null,
					(this.checksum != null) ? this.checksum.value() : null);
		}

		private static PartRef named(@Nullable Part part) {
			if (part == null) {
				throw new PolicyViolation(Rule.PART_NUMBERS_INVALID, "parts",
						"Name each part with its partNumber and etag; one is null");
			}
			return new PartRef(part.partNumber(), part.etag(), part.checksum());
		}

		@Override
		public List<String> namedKeys() {
			return ObjectRequest.named(this.key, this.fullKey);
		}

	}

	/**
	 * Answer of {@code GET /v1/multipart-uploads/{uploadId}/parts}: a page of the parts
	 * S3 holds.
	 *
	 * @param parts the parts
	 * @param nextPartNumberMarker where the next page starts; absent on the last page
	 * @param truncated whether more parts follow
	 */
	@Schema(name = "PartsPage")
	record PartsListing(List<UploadedPart> parts, @Nullable Integer nextPartNumberMarker, boolean truncated) {

		static PartsListing of(MultipartUploads.PartsPage page) {
			return new PartsListing(page.parts()
				.stream()
				.map((part) -> new UploadedPart(part.partNumber(), part.etag(), part.size(), part.lastModified()))
				.toList(), page.nextPartNumberMarker(), page.truncated());
		}

	}

	/**
	 * A part S3 holds.
	 *
	 * @param partNumber its number
	 * @param etag its ETag, to name at completion
	 * @param size its size in bytes
	 * @param lastModified when it was uploaded
	 */
	record UploadedPart(int partNumber, String etag, long size, Instant lastModified) {
	}

	/**
	 * Answer of {@code POST /v1/multipart-uploads/{uploadId}/complete}: the stored
	 * object.
	 *
	 * @param bucket its bucket
	 * @param key its key
	 * @param etag its ETag
	 * @param location its URL, as S3 reports it
	 */
	@Schema(name = "CompletedUpload")
	record Completed(String bucket, String key, String etag, String location) {

		static Completed of(MultipartUploads.CompletedUpload completed) {
			return new Completed(completed.bucket(), completed.key(), completed.etag(), completed.location());
		}

	}

}
