package io.presign.api;

import java.util.List;

import io.presign.api.problem.Refuses;
import io.presign.diagnostics.DiagnosticStep;
import io.presign.diagnostics.UrlDiagnostics;
import io.presign.policy.Caller;
import io.presign.policy.Profile;
import io.presign.policy.ProfileCatalog;
import io.presign.policy.Rule;
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
 * Answers "why did my URL fail?" for a profile, for operators holding the admin scope.
 */
@RestController
@Tag(name = "Diagnostics", description = "The checklist for failing URLs, run live")
final class DiagnosticsController {

	private final UrlDiagnostics diagnostics;

	private final ProfileCatalog catalog;

	private final AdminAccess admin;

	DiagnosticsController(UrlDiagnostics diagnostics, ProfileCatalog catalog, AdminAccess admin) {
		this.diagnostics = diagnostics;
		this.catalog = catalog;
		this.admin = admin;
	}

	@GetMapping("/v1/diagnostics/{profile}")
	@Operation(summary = "Diagnose a profile",
			description = "Reports the signing identity, the bucket's region against the profile's, clock skew against "
					+ "S3, and a live canary (presigned PUT, GET, then delete under the canary prefix), with S3's error "
					+ "code and a hint at the first failing step. Needs the admin scope.")
	@ApiResponse(responseCode = "200", description = "The report; `healthy` is false when any step failed",
			content = @Content(mediaType = "application/json", examples = @ExampleObject(
					value = """
							{"profile":"avatars","bucket":"my-avatars","region":"eu-west-1","healthy":false,"steps":[
							 {"name":"identity","status":"ok","detail":"Signing as arn:aws:sts::123456789012:assumed-role/presign/presign-service",
							  "data":{"accessKeyId":"ASIA****WXYZ","credentialType":"session","secondsLeft":2950}},
							 {"name":"region","status":"ok","detail":"Bucket and profile agree on eu-west-1","data":{}},
							 {"name":"clock","status":"ok","detail":"The clocks agree within 30 s","data":{"skewSeconds":0}},
							 {"name":"canary-put","status":"failed","detail":"S3 answered the presigned PUT with 403 AccessDenied",
							  "code":"AccessDenied","hint":"The signing identity may not do this: check its IAM policy ...","data":{}}]}""")))
	@Refuses({ Rule.SCOPE_MISSING, Rule.PROFILE_NOT_FOUND })
	DiagnosticsResponse diagnose(@PathVariable String profile, @Parameter(hidden = true) Caller caller) {
		this.admin.require(caller, "Diagnostics");
		Profile found = this.catalog.require(profile);
		List<DiagnosticStep> steps = this.diagnostics.run(found);
		return new DiagnosticsResponse(found.name(), found.bucket(), found.region(),
				steps.stream().noneMatch((step) -> "failed".equals(step.status())), steps);
	}

	/**
	 * A diagnostics report.
	 *
	 * @param bucket its bucket
	 * @param region its configured region
	 * @param healthy whether no step failed
	 * @param steps the checks, in order
	 */
	record DiagnosticsResponse(String profile, String bucket, String region, boolean healthy,
			List<DiagnosticStep> steps) {
	}

}
