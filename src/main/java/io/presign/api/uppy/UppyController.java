package io.presign.api.uppy;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.presign.api.problem.ObjectRequest;
import io.presign.api.problem.RefusalGroup;
import io.presign.api.problem.Refuses;
import io.presign.issuing.IssuedForm;
import io.presign.issuing.IssuedUrl;
import io.presign.issuing.UrlIssuer;
import io.presign.issuing.multipart.MultipartUploads;
import io.presign.issuing.multipart.UploadTicketProperties;
import io.presign.policy.Caller;
import io.presign.policy.MultipartCallGrant;
import io.presign.policy.PolicyViolation;
import io.presign.policy.Rule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.NullUnmarked;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The signing backend of Uppy 6's {@code @uppy/aws-s3} in {@code signRequest} mode: Uppy
 * asks before each S3 call, and the answer is a URL it calls as it would call S3. Every
 * call is authorized against the caller's prefix; what S3 cannot check on a presigned
 * request (the Content-Type a multipart upload starts with, its total size) goes through
 * the service's own start and completion URLs, which answer as S3 does.
 */
@RestController
@Tag(name = "Uppy", description = "The signing backend of Uppy 6 (@uppy/aws-s3, signRequest mode)")
final class UppyController {

	/** Where Uppy starts a multipart upload with its ticket. */
	static final String START_PATH = "/v1/uppy/uploads";

	/** Where Uppy completes a multipart upload with its ticket. */
	static final String COMPLETE_PATH = "/v1/uppy/uploads/complete";

	private final UrlIssuer issuer;

	private final MultipartUploads uploads;

	private final @Nullable URI baseUrl;

	UppyController(UrlIssuer issuer, MultipartUploads uploads, UploadTicketProperties tickets) {
		this.issuer = issuer;
		this.uploads = uploads;
		this.baseUrl = tickets.baseUrl();
	}

	@PostMapping(path = "/v1/uppy/sign", consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(summary = "Sign one S3 call for Uppy",
			description = "Takes Uppy's signRequest argument plus a profile. PUT without uploadId (PutObject): a "
					+ "form POST policy (fields) under a key the service names below the caller's prefix, with the "
					+ "profile's content-length-range. POST without uploadId (CreateMultipartUpload): the service's own "
					+ "start URL, which checks the Content-Type. PUT with uploadId and partNumber: a part URL. GET "
					+ "with uploadId: ListParts. DELETE with uploadId: AbortMultipartUpload. POST with uploadId: the "
					+ "service's own completion URL, which refuses a total over the profile's max-content-length "
					+ "and aborts the upload.")
	@ApiResponse(responseCode = "200", description = "What Uppy sends: the URL, and the key, headers or fields",
			content = @Content(mediaType = "application/json", schema = @Schema(implementation = UppySignature.class),
					examples = @ExampleObject(
							value = """
									{"method":"PUT","url":"https://my-avatars.s3.eu-west-1.amazonaws.com/users/alice/3f0c.png?partNumber=1&uploadId=...&X-Amz-Signature=...",
									 "headers":{}}""")))
	@Refuses(groups = { RefusalGroup.PROFILE, RefusalGroup.KEY, RefusalGroup.SIGNING },
			value = { Rule.MULTIPART_NOT_ALLOWED, Rule.CONTENT_TYPE_INVALID, Rule.CONTENT_TYPE_NOT_ALLOWED,
					Rule.PART_NUMBERS_INVALID })
	UppySignature sign(@Valid @RequestBody UppySignRequest request, @Parameter(hidden = true) Caller caller) {
		String method = request.method().toUpperCase(Locale.ROOT);
		String profile = request.profile();
		if (request.uploadId() == null) {
			return switch (method) {
				case "PUT" ->
					form(this.issuer.issueGeneratedFormUpload(caller, profile, request.key(), request.contentType()));
				case "POST" -> {
					MultipartUploads.IssuedTicket ticket = this.uploads.startTicket(caller, profile, request.key());
					yield new UppySignature("POST", serviceUrl(START_PATH, ticket.ticket()), ticket.key(), Map.of(),
							null);
				}
				default -> throw unsupported(method);
			};
		}
		String key = required(request.key(), "key");
		return switch (method) {
			case "PUT" ->
				url(this.uploads.issueUnsizedPart(caller, profile, key, request.uploadId(), request.partNumber()));
			case "GET" -> url(this.uploads.issueCall(caller, profile, key, request.uploadId(),
					MultipartCallGrant.Call.LIST_PARTS));
			case "DELETE" ->
				url(this.uploads.issueCall(caller, profile, key, request.uploadId(), MultipartCallGrant.Call.ABORT));
			case "POST" -> {
				MultipartUploads.IssuedTicket ticket = this.uploads.completeTicket(caller, profile, key,
						request.uploadId());
				yield new UppySignature("POST", serviceUrl(COMPLETE_PATH, ticket.ticket()), null, Map.of(), null);
			}
			default -> throw unsupported(method);
		};
	}

	@PostMapping(path = START_PATH, produces = MediaType.APPLICATION_XML_VALUE)
	@Operation(operationId = "startUppyUpload", summary = "Start a multipart upload with a ticket",
			description = "The URL /v1/uppy/sign answers for CreateMultipartUpload; needs no credentials but its "
					+ "ticket. Starts the upload with the request's Content-Type if the profile allows it, and "
					+ "answers S3's InitiateMultipartUploadResult.")
	@SecurityRequirements
	@ApiResponse(responseCode = "200", description = "S3's answer, as S3 gives it",
			content = @Content(mediaType = "application/xml", examples = @ExampleObject(
					value = """
							<InitiateMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>my-avatars</Bucket><Key>users/alice/3f0c.png</Key><UploadId>VXBsb2FkIElE</UploadId></InitiateMultipartUploadResult>""")))
	@Refuses({ Rule.TICKET_INVALID, Rule.PROFILE_NOT_FOUND, Rule.MULTIPART_NOT_ALLOWED, Rule.CONTENT_TYPE_INVALID,
			Rule.CONTENT_TYPE_NOT_ALLOWED, Rule.SIGNING_UNAVAILABLE })
	ResponseEntity<String> start(@RequestParam(required = false) @Nullable String ticket,
			@RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) @Nullable String contentType) {
		MultipartUploads.StartedUpload started = this.uploads.start(ticket, contentType);
		return xml("<InitiateMultipartUploadResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Bucket>"
				+ escaped(started.bucket()) + "</Bucket><Key>" + escaped(started.key()) + "</Key><UploadId>"
				+ escaped(started.uploadId()) + "</UploadId></InitiateMultipartUploadResult>");
	}

	@PostMapping(path = COMPLETE_PATH, produces = MediaType.APPLICATION_XML_VALUE)
	@Operation(operationId = "completeUppyUpload", summary = "Complete a multipart upload with a ticket",
			description = "The URL /v1/uppy/sign answers for CompleteMultipartUpload; needs no credentials but its "
					+ "ticket. Assembles every part S3 holds if together they stay within the profile's "
					+ "max-content-length; otherwise aborts the upload and answers 400 content-length-too-large. "
					+ "Answers S3's CompleteMultipartUploadResult. The request body Uppy sends is not read: S3's "
					+ "own list of parts is used.")
	@SecurityRequirements
	@ApiResponse(responseCode = "200", description = "S3's answer, as S3 gives it",
			content = @Content(mediaType = "application/xml", examples = @ExampleObject(
					value = """
							<CompleteMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Location>https://my-avatars.s3.eu-west-1.amazonaws.com/users/alice/3f0c.png</Location><Bucket>my-avatars</Bucket><Key>users/alice/3f0c.png</Key><ETag>"3858f62230ac3c915f300c664312c11f-3"</ETag></CompleteMultipartUploadResult>""")))
	@Refuses({ Rule.TICKET_INVALID, Rule.PROFILE_NOT_FOUND, Rule.MULTIPART_NOT_ALLOWED, Rule.PART_NUMBERS_INVALID,
			Rule.CONTENT_LENGTH_TOO_LARGE, Rule.UPLOAD_NOT_FOUND, Rule.UPLOAD_REJECTED, Rule.SIGNING_UNAVAILABLE })
	ResponseEntity<String> complete(@RequestParam(required = false) @Nullable String ticket) {
		MultipartUploads.CompletedUpload completed = this.uploads.complete(ticket);
		return xml("<CompleteMultipartUploadResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Location>"
				+ escaped(completed.location()) + "</Location><Bucket>" + escaped(completed.bucket()) + "</Bucket><Key>"
				+ escaped(completed.key()) + "</Key><ETag>" + escaped(completed.etag())
				+ "</ETag></CompleteMultipartUploadResult>");
	}

	private static UppySignature form(IssuedForm issued) {
		Map<String, String> fields = issued.fields();
		return new UppySignature("POST", issued.url(), fields.get("key"), Map.of(), fields);
	}

	private static UppySignature url(IssuedUrl issued) {
		return new UppySignature(issued.method(), issued.url(), null, issued.headers(), null);
	}

	/**
	 * Absolute, so that Uppy on another origin than the service's calls the service, not
	 * its own page's: from {@code presign.upload-tickets.base-url} where set (behind an
	 * ingress that forwards no usable host), else from the request.
	 */
	private String serviceUrl(String path, String ticket) {
		UriComponentsBuilder base = (this.baseUrl != null) ? UriComponentsBuilder.fromUri(this.baseUrl)
				: ServletUriComponentsBuilder.fromCurrentContextPath();
		return base.path(path).queryParam("ticket", ticket).build().toUriString();
	}

	private static ResponseEntity<String> xml(String body) {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_XML)
			.body("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + body);
	}

	/**
	 * XML's five predefined entities only: Uppy's parser decodes those and no numeric
	 * references.
	 */
	private static String escaped(@Nullable String text) {
		if (text == null) {
			return "";
		}
		return text.replace("&", "&amp;")
			.replace("<", "&lt;")
			.replace(">", "&gt;")
			.replace("\"", "&quot;")
			.replace("'", "&apos;");
	}

	private static String required(@Nullable String value, String field) {
		if (value == null || value.isBlank()) {
			throw new PolicyViolation(Rule.REQUEST_INVALID, field, "Uppy's request names no " + field);
		}
		return value;
	}

	private static PolicyViolation unsupported(String method) {
		return new PolicyViolation(Rule.REQUEST_INVALID, "method",
				"No S3 operation of Uppy's is a " + method + " with or without an upload id as given");
	}

	/**
	 * Uppy's {@code signRequest} argument, with the profile to sign for.
	 *
	 * @param method the HTTP method of the S3 call
	 * @param key the object key Uppy names: a file-name hint for PutObject and
	 * CreateMultipartUpload (the service names the key), the key the service answered for
	 * the later calls
	 * @param uploadId the multipart upload, for its parts, listing, completion and abort
	 * @param partNumber the part, for UploadPart
	 * @param contentType the file's type, for PutObject
	 */
	@Schema(description = "Uppy's signRequest argument plus the profile")
	@NullUnmarked
	record UppySignRequest(@Schema(example = "avatars") @NotBlank String profile,
			@Schema(example = "PUT", allowableValues = {
					"GET", "PUT", "POST", "DELETE" }) @NotBlank String method,
			@Schema(example = "users/alice/3f0c.png") String key, @Schema(example = "VXBsb2FkIElE") String uploadId,
			@Schema(example = "1") Integer partNumber,
			@Schema(example = "image/png") String contentType) implements ObjectRequest{

		@Override
		public List<String> namedKeys() {
			return ObjectRequest.named(this.key);
		}

	}

	/**
	 * What Uppy sends to S3 (or to the service's own start and completion URLs).
	 *
	 * @param method the method Uppy will use
	 * @param url where to send it
	 * @param key the key the service named, for PutObject and CreateMultipartUpload
	 * @param headers headers to send exactly as given (signed ones, such as the profile's
	 * encryption)
	 * @param fields the form fields of a POST policy, for PutObject
	 */
	@Schema(description = "What Uppy sends: url, and key, headers or fields")
	record UppySignature(@Schema(example = "PUT") String method, String url, @Nullable String key,
			Map<String, String> headers, @Nullable Map<String, String> fields) {
	}

}
