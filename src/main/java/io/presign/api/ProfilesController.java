package io.presign.api;

import java.util.List;

import io.presign.api.problem.Refuses;
import io.presign.diagnostics.BucketGuardrails;
import io.presign.issuing.UrlIssuer;
import io.presign.policy.Caller;
import io.presign.policy.ProfileCatalog;
import io.presign.policy.Rule;
import io.presign.security.CorsProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lists the profiles a caller may use.
 */
@RestController
@Tag(name = "Profiles", description = "What the caller may ask for")
final class ProfilesController {

	private final UrlIssuer issuer;

	private final ProfileCatalog catalog;

	private final BucketGuardrails guardrails;

	private final AdminAccess admin;

	private final CorsProperties cors;

	ProfilesController(UrlIssuer issuer, ProfileCatalog catalog, BucketGuardrails guardrails, AdminAccess admin,
			CorsProperties cors) {
		this.issuer = issuer;
		this.catalog = catalog;
		this.guardrails = guardrails;
		this.admin = admin;
		this.cors = cors;
	}

	@GetMapping("/v1/profiles")
	@Operation(summary = "List usable profiles",
			description = "The profiles whose scope the caller holds, with their limits, so a frontend can validate early.")
	@ApiResponse(responseCode = "200", description = "The profiles",
			content = @Content(mediaType = "application/json", examples = @ExampleObject(value = """
					[{"name":"avatars","operations":["download","upload"],"contentTypes":["image/png","image/*"],
					  "maxContentLength":10485760,"defaultExpirySeconds":300,"maxExpirySeconds":3600}]""")))
	@Refuses
	List<ProfileResponse> profiles(@Parameter(hidden = true) Caller caller) {
		return this.issuer.profilesFor(caller).stream().map((profile) -> ProfileResponse.of(profile, caller)).toList();
	}

	@GetMapping("/v1/profiles/{name}/bucket-policy")
	@Operation(summary = "Bucket guardrails for a profile",
			description = "A bucket policy (deny presigned requests older than the profile's max expiry, deny plain "
					+ "HTTP, deny the signing role any key outside the profile's prefix) and a CORS rule for the "
					+ "profile's bucket, with notes on what to check before applying them. Needs the admin scope.")
	@ApiResponse(responseCode = "200", description = "The policy and CORS configuration, in AWS's JSON shapes",
			content = @Content(mediaType = "application/json",
					examples = @ExampleObject(
							value = """
									{"profile":"avatars","bucket":"my-avatars","bucketPolicy":{"Version":"2012-10-17","Statement":[
									 {"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*",
									  "Resource":["arn:aws:s3:::my-avatars","arn:aws:s3:::my-avatars/*"],
									  "Condition":{"Bool":{"aws:SecureTransport":"false"}}}]},
									 "cors":{"CORSRules":[{"AllowedOrigins":["https://app.example.com"],"AllowedMethods":["GET","PUT","POST","DELETE","HEAD"],
									  "AllowedHeaders":["*"],"ExposeHeaders":["ETag"],"MaxAgeSeconds":3000}]},
									 "notes":["..."]}""")))
	@Refuses({ Rule.SCOPE_MISSING, Rule.PROFILE_NOT_FOUND })
	BucketGuardrails.Guardrails bucketPolicy(@PathVariable String name, @Parameter(hidden = true) Caller caller) {
		this.admin.require(caller, "Bucket policies");
		return this.guardrails.forProfile(this.catalog.require(name), this.catalog.all(), this.cors.allowedOrigins());
	}

}
