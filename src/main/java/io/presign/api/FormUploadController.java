package io.presign.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.presign.api.problem.ObjectRequest;
import io.presign.api.problem.RefusalGroup;
import io.presign.api.problem.Refuses;
import io.presign.issuing.IssuedForm;
import io.presign.issuing.UrlIssuer;
import io.presign.policy.Caller;
import io.presign.policy.FormUploadIntent;
import io.presign.policy.Rule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Browser form uploads: a signed POST policy that S3 enforces, size range included, which
 * a presigned PUT cannot express.
 */
@RestController
@Tag(name = "Form uploads", description = "HTML form / FormData POST uploads with a signed policy")
final class FormUploadController {

	private final UrlIssuer issuer;

	FormUploadController(UrlIssuer issuer) {
		this.issuer = issuer;
	}

	@PostMapping(path = "/v1/form-uploads", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Issue a form upload",
			description = "Returns the form's action URL and fields. POST them as multipart/form-data with the file as "
					+ "the last field, named file. The policy limits the size (content-length-range), the key (exact, or "
					+ "starts-with for keyPrefix; use ${filename}) and the Content-Type (exact, or starts-with for a "
					+ "family such as image/*, in which case add a Content-Type field with the file's type).")
	@ApiResponse(responseCode = "200", description = "The form",
			content = @Content(mediaType = "application/json",
					examples = @ExampleObject(
							value = """
									{"method":"POST","url":"https://my-avatars.s3.eu-west-1.amazonaws.com/","fields":{"key":"users/alice/avatar.png",
									 "Content-Type":"image/png","x-amz-algorithm":"AWS4-HMAC-SHA256","x-amz-credential":"AKIA.../20260101/eu-west-1/s3/aws4_request",
									 "x-amz-date":"20260101T120000Z","Policy":"eyJleHBpcmF0aW9uIjoi...","X-Amz-Signature":"..."},
									 "expiresAt":"2026-01-01T12:05:00Z","expiresInSeconds":300}""")))
	@Refuses(groups = { RefusalGroup.PROFILE, RefusalGroup.CONTENT, RefusalGroup.SIGNING },
			value = { Rule.KEY_INVALID, Rule.EXPIRY_OUT_OF_RANGE })
	FormUploadResponse formUpload(@Valid @RequestBody FormUploadRequest request,
			@Parameter(hidden = true) Caller caller) {
		IssuedForm issued = this.issuer.issueFormUpload(caller, new FormUploadIntent(request.profile(), request.key(),
				request.keyPrefix(), request.contentType(), request.maxContentLength(), request.expiresInSeconds()));
		return new FormUploadResponse("POST", issued.url(), issued.fields(), issued.expiresAt(),
				issued.lifetime().toSeconds(), (issued.cappedBy() != null) ? issued.cappedBy().wireName() : null);
	}

	/**
	 * Body of {@code POST /v1/form-uploads}.
	 *
	 * @param key the exact key below the caller's prefix
	 * @param keyPrefix a prefix below the caller's prefix, instead of {@code key}: any
	 * file name may follow
	 * @param contentType a concrete type, or a family such as {@code image/*} that the
	 * profile allows whole
	 * @param maxContentLength the largest file; the profile's maximum when absent
	 * @param expiresInSeconds the wished lifetime of the policy
	 */
	@Schema(description = "A request for a browser form upload")
	@NullUnmarked
	record FormUploadRequest(@Schema(example = "avatars") @NotBlank String profile,
			@Schema(example = "avatar.png") String key, @Schema(example = "gallery/") String keyPrefix,
			@Schema(example = "image/png") String contentType, @Schema(example = "1048576") Long maxContentLength,
			@Schema(example = "300") Long expiresInSeconds) implements ObjectRequest {

		@Override
		public List<String> namedKeys() {
			return ObjectRequest.named(this.key, this.keyPrefix);
		}

	}

	/**
	 * A form to post.
	 *
	 * @param method always {@code POST}
	 * @param url the form's action
	 * @param fields the fields, in order; the file goes last
	 * @param expiresAt when the policy expires
	 * @param expiresInSeconds its lifetime
	 * @param expiryCappedBy {@code credentials} or {@code policy} when shorter than asked
	 */
	record FormUploadResponse(String method, String url, Map<String, String> fields, Instant expiresAt,
			long expiresInSeconds, @Nullable String expiryCappedBy) {
	}

}
