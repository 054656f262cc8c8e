package io.presign.api;

import io.presign.issuing.UrlIssuer;
import io.presign.policy.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Issues single-request presigned URLs: GET to download, PUT to upload.
 */
@RestController
@RequestMapping(path = "/v1", consumes = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "URLs", description = "Presigned URLs for one object")
@ApiResponse(responseCode = "401", description = "No valid bearer token or API key",
		content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class),
				examples = @ExampleObject(name = "unauthenticated", value = ProblemExamples.UNAUTHENTICATED)))
@ApiResponse(responseCode = "403", description = "The caller lacks the profile's scope, or the profile forbids the operation",
		content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class),
				examples = { @ExampleObject(name = "scope-missing", value = ProblemExamples.SCOPE_MISSING),
						@ExampleObject(name = "key-outside-prefix", value = ProblemExamples.KEY_OUTSIDE_PREFIX),
						@ExampleObject(name = "operation-not-allowed", value = ProblemExamples.OPERATION_NOT_ALLOWED) }))
@ApiResponse(responseCode = "429", description = "The caller's rate limit on the profile is used up",
		content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class),
				examples = @ExampleObject(name = "rate-limited", value = ProblemExamples.RATE_LIMITED)))
@ApiResponse(responseCode = "404", description = "No such profile",
		content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class),
				examples = @ExampleObject(name = "profile-not-found", value = ProblemExamples.PROFILE_NOT_FOUND)))
@ApiResponse(responseCode = "503", description = "Signing credentials cannot be resolved right now",
		content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class),
				examples = @ExampleObject(name = "signing-unavailable", value = ProblemExamples.SIGNING_UNAVAILABLE)))
final class UrlController {

	private final UrlIssuer issuer;

	UrlController(UrlIssuer issuer) {
		this.issuer = issuer;
	}

	@PostMapping("/downloads")
	@Operation(summary = "Issue a download URL",
			description = "Returns a presigned GET. A filename becomes a signed response-content-disposition, "
					+ "so browsers save the object under that name.")
	@ApiResponse(responseCode = "200", description = "The URL; send a plain GET to it",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = PresignedUrlResponse.class),
					examples = @ExampleObject(value = """
							{"method":"GET","url":"https://my-avatars.s3.eu-west-1.amazonaws.com/users/alice/photos/cat.png?X-Amz-Algorithm=AWS4-HMAC-SHA256&...",
							 "headers":{},"bucket":"my-avatars","key":"users/alice/photos/cat.png",
							 "expiresAt":"2026-01-01T12:05:00Z","expiresInSeconds":300}""")))
	@ApiResponse(responseCode = "400", description = "The request breaks a rule of the profile",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class),
					examples = { @ExampleObject(name = "key-invalid", value = ProblemExamples.KEY_INVALID),
							@ExampleObject(name = "filename-invalid", value = ProblemExamples.FILENAME_INVALID),
							@ExampleObject(name = "expiry-out-of-range", value = ProblemExamples.EXPIRY_OUT_OF_RANGE),
							@ExampleObject(name = "request-invalid", value = ProblemExamples.REQUEST_INVALID) }))
	PresignedUrlResponse download(@Valid @RequestBody DownloadRequest request, @Parameter(hidden = true) Caller caller) {
		return PresignedUrlResponse.of(this.issuer.issueDownload(caller, request.toIntent()));
	}

	@PostMapping("/downloads/batch")
	@Operation(summary = "Issue download URLs for many keys",
			description = "Up to the configured maximum (default 100) keys of one profile. A malformed key is "
					+ "refused in its own entry; a key outside the caller's prefix refuses the whole batch (403). "
					+ "Each URL counts against the rate limit.")
	@ApiResponse(responseCode = "200", description = "One entry per key",
			content = @Content(mediaType = "application/json",
					schema = @Schema(implementation = BatchDownloadResponse.class), examples = @ExampleObject(value = """
							{"items":[
							 {"key":"photos/cat.png","download":{"method":"GET","url":"https://...X-Amz-Signature=...","headers":{},
							  "bucket":"my-avatars","key":"users/alice/photos/cat.png","expiresAt":"2026-01-01T12:05:00Z","expiresInSeconds":300}},
							 {"key":"../dog.png","error":{"code":"key-invalid","detail":"The key must not contain '.' or '..' segments"}}]}""")))
	@ApiResponse(responseCode = "400", description = "No keys, or more than the maximum",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class),
					examples = @ExampleObject(name = "batch-size-invalid", value = ProblemExamples.BATCH_SIZE_INVALID)))
	@ApiResponse(responseCode = "429", description = "The caller's rate limit on the profile is used up",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class),
					examples = @ExampleObject(name = "rate-limited", value = ProblemExamples.RATE_LIMITED)))
	BatchDownloadResponse downloadBatch(@Valid @RequestBody BatchDownloadRequest request,
			@Parameter(hidden = true) Caller caller) {
		return BatchDownloadResponse.of(this.issuer.issueBatchDownload(caller, request.toIntent()));
	}

	@PostMapping("/uploads")
	@Operation(summary = "Issue an upload URL",
			description = "Returns a presigned PUT. The Content-Type and Content-Length are signed in: send every "
					+ "header in `headers` exactly as given, or S3 answers 403 SignatureDoesNotMatch.")
	@ApiResponse(responseCode = "200", description = "The URL and the headers the PUT must carry",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = PresignedUrlResponse.class),
					examples = @ExampleObject(value = """
							{"method":"PUT","url":"https://my-avatars.s3.eu-west-1.amazonaws.com/users/alice/photos/cat.png?X-Amz-Algorithm=AWS4-HMAC-SHA256&...",
							 "headers":{"Content-Type":"image/png","Content-Length":"48213"},"bucket":"my-avatars",
							 "key":"users/alice/photos/cat.png","expiresAt":"2026-01-01T12:05:00Z","expiresInSeconds":300}""")))
	@ApiResponse(responseCode = "400", description = "The request breaks a rule of the profile",
			content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class),
					examples = { @ExampleObject(name = "content-type-not-allowed", value = ProblemExamples.CONTENT_TYPE_NOT_ALLOWED),
							@ExampleObject(name = "content-length-too-large", value = ProblemExamples.CONTENT_LENGTH_TOO_LARGE),
							@ExampleObject(name = "key-invalid", value = ProblemExamples.KEY_INVALID),
							@ExampleObject(name = "expiry-out-of-range", value = ProblemExamples.EXPIRY_OUT_OF_RANGE),
							@ExampleObject(name = "request-invalid", value = ProblemExamples.REQUEST_INVALID) }))
	PresignedUrlResponse upload(@Valid @RequestBody UploadRequest request, @Parameter(hidden = true) Caller caller) {
		return PresignedUrlResponse.of(this.issuer.issueUpload(caller, request.toIntent()));
	}

}
