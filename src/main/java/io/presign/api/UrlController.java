package io.presign.api;

import io.presign.api.problem.RefusalGroup;
import io.presign.api.problem.Refuses;
import io.presign.issuing.UrlIssuer;
import io.presign.policy.Caller;
import io.presign.policy.Rule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.MediaType;
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
final class UrlController {

	private final UrlIssuer issuer;

	UrlController(UrlIssuer issuer) {
		this.issuer = issuer;
	}

	@PostMapping("/downloads")
	@Operation(summary = "Issue a download URL",
			description = "Returns a presigned GET. A filename becomes a signed response-content-disposition, "
					+ "so browsers save the object under that name. On a profile with delivery: cloudfront, a "
					+ "CloudFront signed URL (canned policy; a custom one with ipRange).")
	@ApiResponse(responseCode = "200", description = "The URL; send a plain GET to it",
			content = @Content(mediaType = "application/json",
					schema = @Schema(implementation = PresignedUrlResponse.class),
					examples = @ExampleObject(
							value = """
									{"method":"GET","url":"https://my-avatars.s3.eu-west-1.amazonaws.com/users/alice/photos/cat.png?X-Amz-Algorithm=AWS4-HMAC-SHA256&...",
									 "headers":{},"bucket":"my-avatars","key":"users/alice/photos/cat.png",
									 "expiresAt":"2026-01-01T12:05:00Z","expiresInSeconds":300}""")))
	@Refuses(groups = { RefusalGroup.PROFILE, RefusalGroup.KEY, RefusalGroup.SIGNING }, value = { Rule.FILENAME_INVALID,
			Rule.EXPIRY_OUT_OF_RANGE, Rule.OBJECT_NOT_FOUND, Rule.CONTENT_TYPE_NOT_ALLOWED })
	PresignedUrlResponse download(@Valid @RequestBody DownloadRequest request,
			@Parameter(hidden = true) Caller caller) {
		return PresignedUrlResponse.of(this.issuer.issueDownload(caller, request.toIntent()));
	}

	@PostMapping("/downloads/batch")
	@Operation(summary = "Issue download URLs for many keys",
			description = "Up to the configured maximum (default 100) keys of one profile. A malformed key is "
					+ "refused in its own entry, and so is a missing object where the profile requires existing "
					+ "objects (object-not-found); a key outside the caller's prefix refuses the whole batch (403). "
					+ "Each allowed key counts against the rate limit.")
	@ApiResponse(responseCode = "200", description = "One entry per key", content = @Content(
			mediaType = "application/json", schema = @Schema(implementation = BatchDownloadResponse.class),
			examples = @ExampleObject(
					value = """
							{"items":[
							 {"key":"photos/cat.png","download":{"method":"GET","url":"https://...X-Amz-Signature=...","headers":{},
							  "bucket":"my-avatars","key":"users/alice/photos/cat.png","expiresAt":"2026-01-01T12:05:00Z","expiresInSeconds":300}},
							 {"key":"../dog.png","error":{"code":"key-invalid","detail":"The key must not contain '.' or '..' segments"}}]}""")))
	@Refuses(groups = { RefusalGroup.PROFILE, RefusalGroup.SIGNING },
			value = { Rule.KEY_OUTSIDE_PREFIX, Rule.BATCH_SIZE_INVALID, Rule.EXPIRY_OUT_OF_RANGE })
	BatchDownloadResponse downloadBatch(@Valid @RequestBody BatchDownloadRequest request,
			@Parameter(hidden = true) Caller caller) {
		return BatchDownloadResponse.of(this.issuer.issueBatchDownload(caller, request.toIntent()));
	}

	@PostMapping("/downloads/cookies")
	@Operation(summary = "Issue CloudFront signed cookies for a prefix",
			description = "For profiles with delivery: cloudfront. Returns the three CloudFront cookies (a custom "
					+ "policy whose resource is every URL under the prefix, optionally bound to an IP range) and the "
					+ "same policy as a query string. Counts as one URL against the rate limit.")
	@ApiResponse(responseCode = "200", description = "The cookies, their domain and path, and the policy as a query",
			content = @Content(mediaType = "application/json",
					schema = @Schema(implementation = SignedCookiesResponse.class),
					examples = @ExampleObject(
							value = """
									{"cookies":{"CloudFront-Policy":"eyJTdGF0ZW1lbnQi...","CloudFront-Signature":"Nql641...",
									 "CloudFront-Key-Pair-Id":"K2JCJMDEHXQW5F"},"domain":"d111111abcdef8.cloudfront.net",
									 "path":"/users/alice/albums/2026/","resource":"https://d111111abcdef8.cloudfront.net/users/alice/albums/2026/*",
									 "query":"Policy=eyJTdGF0ZW1lbnQi...&Signature=Nql641...&Key-Pair-Id=K2JCJMDEHXQW5F",
									 "expiresAt":"2026-01-01T13:00:00Z","expiresInSeconds":3600}""")))
	@Refuses(groups = { RefusalGroup.PROFILE },
			value = { Rule.KEY_INVALID, Rule.EXPIRY_OUT_OF_RANGE, Rule.RATE_LIMITED })
	SignedCookiesResponse cookies(@Valid @RequestBody CookieRequest request, @Parameter(hidden = true) Caller caller) {
		return SignedCookiesResponse.of(this.issuer.issueCookies(caller, request.toIntent()));
	}

	@PostMapping("/uploads")
	@Operation(summary = "Issue an upload URL",
			description = "Returns a presigned PUT. The Content-Type and Content-Length are signed in: send every "
					+ "header in `headers` exactly as given, or S3 answers 403 SignatureDoesNotMatch.")
	@ApiResponse(responseCode = "200", description = "The URL and the headers the PUT must carry", content = @Content(
			mediaType = "application/json", schema = @Schema(implementation = PresignedUrlResponse.class),
			examples = @ExampleObject(
					value = """
							{"method":"PUT","url":"https://my-avatars.s3.eu-west-1.amazonaws.com/users/alice/photos/cat.png?X-Amz-Algorithm=AWS4-HMAC-SHA256&...",
							 "headers":{"Content-Type":"image/png","Content-Length":"48213"},"bucket":"my-avatars",
							 "key":"users/alice/photos/cat.png","expiresAt":"2026-01-01T12:05:00Z","expiresInSeconds":300}""")))
	@Refuses(groups = { RefusalGroup.PROFILE, RefusalGroup.KEY, RefusalGroup.CONTENT, RefusalGroup.SIGNING },
			value = { Rule.CHECKSUM_INVALID, Rule.EXPIRY_OUT_OF_RANGE })
	PresignedUrlResponse upload(@Valid @RequestBody UploadRequest request, @Parameter(hidden = true) Caller caller) {
		return PresignedUrlResponse.of(this.issuer.issueUpload(caller, request.toIntent()));
	}

}
