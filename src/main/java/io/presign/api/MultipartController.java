package io.presign.api;

import java.util.List;
import java.util.stream.IntStream;

import io.presign.issuing.IssuedUrl;
import io.presign.issuing.StartedUpload;
import io.presign.issuing.UrlIssuer;
import io.presign.policy.Caller;
import io.presign.signing.MultipartUploads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

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

	private final UrlIssuer issuer;

	MultipartController(UrlIssuer issuer) {
		this.issuer = issuer;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Start a multipart upload",
			description = "Creates the upload in S3 with the signed Content-Type and the profile's encryption, and plans "
					+ "the part size (at least the profile's min-part-size, at most 10,000 parts).")
	@ApiResponse(responseCode = "200", description = "The upload",
			content = @Content(mediaType = "application/json",
					examples = @ExampleObject(
							value = """
									{"uploadId":"VXBsb2FkIElEIGZvciBlbHZpbmcncyBteS1tb3ZpZS5tMnRzIHVwbG9hZA","key":"users/alice/talks/keynote.mp4",
									 "bucket":"my-videos","partSize":8388608,"partCount":2}""")))
	@Refuses({ Refusal.PROFILE_NOT_FOUND, Refusal.PROFILE_NOT_ALLOWED, Refusal.OPERATION_NOT_ALLOWED,
			Refusal.SCOPE_MISSING, Refusal.MULTIPART_NOT_ALLOWED, Refusal.KEY_PREFIX_UNRESOLVABLE,
			Refusal.KEY_OUTSIDE_PREFIX, Refusal.KEY_INVALID, Refusal.CONTENT_TYPE_INVALID,
			Refusal.CONTENT_TYPE_NOT_ALLOWED, Refusal.CONTENT_LENGTH_INVALID, Refusal.CONTENT_LENGTH_TOO_LARGE,
			Refusal.RATE_LIMITED, Refusal.UPLOAD_REJECTED, Refusal.SIGNING_UNAVAILABLE })
	MultipartRequests.Started start(@Valid @RequestBody MultipartRequests.Start request,
			@Parameter(hidden = true) Caller caller) {
		StartedUpload started = this.issuer.startMultipart(caller, request.toIntent());
		return new MultipartRequests.Started(started.uploadId(), started.plan().key(),
				started.plan().profile().bucket(), started.plan().partSize(), started.plan().partCount());
	}

	@PostMapping(path = "/{uploadId}/parts", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Presign parts",
			description = "One UploadPart URL per part number (1 to the start's partCount; at most the batch maximum "
					+ "per call). Each URL signs its part's planned length: PUT exactly the part's bytes with the "
					+ "headers given, and keep the ETag response header for completion.")
	@ApiResponse(responseCode = "200", description = "The part URLs",
			content = @Content(mediaType = "application/json", examples = @ExampleObject(
					value = """
							{"parts":[{"partNumber":1,"url":{"method":"PUT","url":"https://my-videos.s3.eu-west-1.amazonaws.com/users/alice/talks/keynote.mp4?partNumber=1&uploadId=...&X-Amz-Signature=...",
							 "headers":{"Content-Length":"8388608"},"bucket":"my-videos","key":"users/alice/talks/keynote.mp4","expiresAt":"2026-01-01T12:05:00Z","expiresInSeconds":300}}]}""")))
	@Refuses({ Refusal.PROFILE_NOT_FOUND, Refusal.PROFILE_NOT_ALLOWED, Refusal.OPERATION_NOT_ALLOWED,
			Refusal.SCOPE_MISSING, Refusal.MULTIPART_NOT_ALLOWED, Refusal.KEY_PREFIX_UNRESOLVABLE,
			Refusal.KEY_OUTSIDE_PREFIX, Refusal.KEY_INVALID, Refusal.CONTENT_LENGTH_INVALID,
			Refusal.CONTENT_LENGTH_TOO_LARGE, Refusal.PART_NUMBERS_INVALID, Refusal.EXPIRY_OUT_OF_RANGE,
			Refusal.RATE_LIMITED, Refusal.SIGNING_UNAVAILABLE, Refusal.SIGNING_CREDENTIALS_EXPIRING })
	MultipartRequests.PartUrls parts(@PathVariable String uploadId, @Valid @RequestBody MultipartRequests.Parts request,
			@Parameter(hidden = true) Caller caller) {
		List<Integer> numbers = (request.partNumbers() != null) ? request.partNumbers() : List.of();
		List<IssuedUrl> issued = this.issuer.issueUploadParts(caller, request.toIntent(uploadId, numbers));
		return new MultipartRequests.PartUrls(IntStream.range(0, issued.size())
			.mapToObj((i) -> new MultipartRequests.PartUrl(numbers.get(i), PresignedUrlResponse.of(issued.get(i))))
			.toList());
	}

	@GetMapping("/{uploadId}/parts")
	@Operation(summary = "List uploaded parts", description = "The parts S3 holds so far, a page at a time.")
	@Refuses({ Refusal.REQUEST_INVALID, Refusal.PROFILE_NOT_FOUND, Refusal.PROFILE_NOT_ALLOWED,
			Refusal.OPERATION_NOT_ALLOWED, Refusal.SCOPE_MISSING, Refusal.MULTIPART_NOT_ALLOWED,
			Refusal.KEY_PREFIX_UNRESOLVABLE, Refusal.KEY_OUTSIDE_PREFIX, Refusal.KEY_INVALID, Refusal.UPLOAD_NOT_FOUND,
			Refusal.RATE_LIMITED, Refusal.SIGNING_UNAVAILABLE })
	MultipartRequests.PartsListing listParts(@PathVariable String uploadId, @RequestParam String profile,
			@RequestParam String key, @RequestParam(required = false) Integer partNumberMarker,
			@Parameter(hidden = true) Caller caller) {
		return MultipartRequests.PartsListing
			.of(this.issuer.listParts(caller, profile, key, uploadId, partNumberMarker));
	}

	@PostMapping(path = "/{uploadId}/complete", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Complete the upload",
			description = "Assembles the named parts with the ETags S3 lists for them, after checking that together "
					+ "they stay within the profile's maximum size.")
	@Refuses({ Refusal.PROFILE_NOT_FOUND, Refusal.PROFILE_NOT_ALLOWED, Refusal.OPERATION_NOT_ALLOWED,
			Refusal.SCOPE_MISSING, Refusal.MULTIPART_NOT_ALLOWED, Refusal.KEY_PREFIX_UNRESOLVABLE,
			Refusal.KEY_OUTSIDE_PREFIX, Refusal.KEY_INVALID, Refusal.PART_NUMBERS_INVALID, Refusal.PART_NOT_UPLOADED,
			Refusal.CONTENT_LENGTH_TOO_LARGE, Refusal.UPLOAD_NOT_FOUND, Refusal.UPLOAD_REJECTED, Refusal.RATE_LIMITED,
			Refusal.SIGNING_UNAVAILABLE })
	MultipartRequests.Completed complete(@PathVariable String uploadId,
			@Valid @RequestBody MultipartRequests.Complete request, @Parameter(hidden = true) Caller caller) {
		List<MultipartUploads.PartRef> parts = (request.parts() != null) ? request.parts()
			.stream()
			.map((part) -> new MultipartUploads.PartRef(part.partNumber(), part.etag()))
			.toList() : List.of();
		return MultipartRequests.Completed
			.of(this.issuer.completeMultipart(caller, request.profile(), request.key(), uploadId, parts));
	}

	@DeleteMapping("/{uploadId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Abort the upload", description = "Discards the upload and every part uploaded so far.")
	@Refuses({ Refusal.REQUEST_INVALID, Refusal.PROFILE_NOT_FOUND, Refusal.PROFILE_NOT_ALLOWED,
			Refusal.OPERATION_NOT_ALLOWED, Refusal.SCOPE_MISSING, Refusal.MULTIPART_NOT_ALLOWED,
			Refusal.KEY_PREFIX_UNRESOLVABLE, Refusal.KEY_OUTSIDE_PREFIX, Refusal.KEY_INVALID, Refusal.UPLOAD_NOT_FOUND,
			Refusal.RATE_LIMITED, Refusal.SIGNING_UNAVAILABLE })
	void abort(@PathVariable String uploadId, @RequestParam String profile, @RequestParam String key,
			@Parameter(hidden = true) Caller caller) {
		this.issuer.abortMultipart(caller, profile, key, uploadId);
	}

}
