package io.presign.api.multipart;

import java.util.List;
import java.util.stream.IntStream;

import io.presign.api.PresignedUrlResponse;
import io.presign.api.problem.RefusalGroup;
import io.presign.api.problem.Refuses;
import io.presign.issuing.IssuedUrl;
import io.presign.issuing.multipart.MultipartUploads;
import io.presign.policy.Caller;
import io.presign.policy.ChecksumAlgorithm;
import io.presign.policy.MultipartPlan;
import io.presign.policy.Rule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Multipart uploads for large files: the service starts, completes and aborts them;
 * clients upload the parts to S3 through presigned URLs. Every call names the profile and
 * the full key and re-checks that the caller may write it.
 */
@RestController
@RequestMapping("/v1/multipart-uploads")
@Tag(name = "Multipart uploads", description = "Large files in parts: start, presign parts, list, complete, abort")
final class MultipartController {

	private static final String KEY = "The upload's key below the caller's prefix, as given at the start";

	private static final String FULL_KEY = "The upload's full key, as the start answered it; give key or fullKey";

	private final MultipartUploads uploads;

	MultipartController(MultipartUploads uploads) {
		this.uploads = uploads;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "startMultipartUpload", summary = "Start a multipart upload",
			description = "Creates the upload in S3 with the signed Content-Type and the profile's encryption, and plans "
					+ "the part size (at least the profile's min-part-size, at most 10,000 parts).")
	@ApiResponse(responseCode = "200", description = "The upload",
			content = @Content(mediaType = "application/json",
					examples = @ExampleObject(
							value = """
									{"uploadId":"VXBsb2FkIElEIGZvciBlbHZpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA","key":"users/alice/talks/keynote.mp4",
									 "bucket":"my-videos","partSize":8388608,"partCount":2}""")))
	@Refuses(groups = { RefusalGroup.PROFILE, RefusalGroup.KEY, RefusalGroup.CONTENT },
			value = { Rule.MULTIPART_NOT_ALLOWED, Rule.CHECKSUM_INVALID, Rule.RATE_LIMITED, Rule.UPLOAD_REJECTED,
					Rule.SIGNING_UNAVAILABLE })
	MultipartRequests.Started start(@Valid @RequestBody MultipartRequests.Start request,
			@Parameter(hidden = true) Caller caller) {
		MultipartUploads.StartedUpload started = this.uploads.start(caller, request.toIntent());
		MultipartPlan plan = started.plan();
		ChecksumAlgorithm checksum = (plan != null) ? plan.checksumAlgorithm() : null;
		return new MultipartRequests.Started(started.uploadId(), started.key(), started.bucket(),
				(plan != null) ? plan.partSize() : 0, (plan != null) ? plan.partCount() : 0,
				(checksum != null) ? checksum.name() : null, (checksum != null) ? "FULL_OBJECT" : null);
	}

	@PostMapping(path = "/{uploadId}/parts", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Presign parts",
			description = "One UploadPart URL per part number (1 to the start's partCount; at most the batch maximum "
					+ "per call). Each URL signs its part's planned length: PUT exactly the part's bytes with the "
					+ "headers given, and keep the ETag response header for completion. An upload started with a "
					+ "checksum algorithm signs each part's checksum too: give them, in the order of partNumbers.")
	@ApiResponse(responseCode = "200", description = "The part URLs",
			content = @Content(mediaType = "application/json", examples = @ExampleObject(
					value = """
							{"parts":[{"partNumber":1,"url":{"method":"PUT","url":"https://my-videos.s3.eu-west-1.amazonaws.com/users/alice/talks/keynote.mp4?partNumber=1&uploadId=...&X-Amz-Signature=...",
							 "headers":{"Content-Length":"8388608"},"bucket":"my-videos","key":"users/alice/talks/keynote.mp4","expiresAt":"2026-01-01T12:05:00Z","expiresInSeconds":300}}]}""")))
	@Refuses(groups = { RefusalGroup.PROFILE, RefusalGroup.KEY, RefusalGroup.SIGNING },
			value = { Rule.MULTIPART_NOT_ALLOWED, Rule.CONTENT_LENGTH_INVALID, Rule.CONTENT_LENGTH_TOO_LARGE,
					Rule.PART_NUMBERS_INVALID, Rule.CHECKSUM_INVALID, Rule.EXPIRY_OUT_OF_RANGE })
	MultipartRequests.PartUrls parts(@PathVariable String uploadId, @Valid @RequestBody MultipartRequests.Parts request,
			@Parameter(hidden = true) Caller caller) {
		List<Integer> numbers = (request.partNumbers() != null) ? request.partNumbers() : List.of();
		List<IssuedUrl> issued = this.uploads.issueParts(caller, request.toIntent(uploadId, numbers));
		return new MultipartRequests.PartUrls(IntStream.range(0, issued.size())
			.mapToObj((i) -> new MultipartRequests.PartUrl(numbers.get(i), PresignedUrlResponse.of(issued.get(i))))
			.toList());
	}

	@GetMapping("/{uploadId}/parts")
	@Operation(summary = "List uploaded parts", description = "The parts S3 holds so far, a page at a time.")
	@Refuses(groups = { RefusalGroup.PROFILE, RefusalGroup.KEY, RefusalGroup.MULTIPART_CALL },
			value = { Rule.REQUEST_INVALID })
	MultipartRequests.PartsListing listParts(@PathVariable String uploadId, @RequestParam String profile,
			@Parameter(description = KEY) @RequestParam(required = false) @Nullable String key,
			@Parameter(description = FULL_KEY) @RequestParam(required = false) @Nullable String fullKey,
			@RequestParam(required = false) @Nullable Integer partNumberMarker,
			@Parameter(hidden = true) Caller caller) {
		return MultipartRequests.PartsListing
			.of(this.uploads.listParts(caller, profile, key, fullKey, uploadId, partNumberMarker));
	}

	@PostMapping(path = "/{uploadId}/complete", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "completeMultipartUpload", summary = "Complete the upload",
			description = "Assembles the named parts with the ETags S3 lists for them, after checking that together "
					+ "they stay within the profile's maximum size; with the whole file's checksum, only if S3 "
					+ "combines the same one from the parts' checksums.")
	@Refuses(groups = { RefusalGroup.PROFILE, RefusalGroup.KEY, RefusalGroup.MULTIPART_CALL },
			value = { Rule.PART_NUMBERS_INVALID, Rule.PART_NOT_UPLOADED, Rule.CONTENT_LENGTH_TOO_LARGE,
					Rule.CHECKSUM_INVALID, Rule.UPLOAD_REJECTED, Rule.OBJECT_EXISTS })
	MultipartRequests.Completed complete(@PathVariable String uploadId,
			@Valid @RequestBody MultipartRequests.Complete request, @Parameter(hidden = true) Caller caller) {
		return MultipartRequests.Completed.of(this.uploads.complete(caller, request.toIntent(uploadId)));
	}

	@DeleteMapping("/{uploadId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Abort the upload", description = "Discards the upload and every part uploaded so far.")
	@Refuses(groups = { RefusalGroup.PROFILE, RefusalGroup.KEY, RefusalGroup.MULTIPART_CALL },
			value = { Rule.REQUEST_INVALID })
	void abort(@PathVariable String uploadId, @RequestParam String profile,
			@Parameter(description = KEY) @RequestParam(required = false) @Nullable String key,
			@Parameter(description = FULL_KEY) @RequestParam(required = false) @Nullable String fullKey,
			@Parameter(hidden = true) Caller caller) {
		this.uploads.abort(caller, profile, key, fullKey, uploadId);
	}

}
