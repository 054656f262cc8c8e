package io.presign.api;

import java.util.List;

import io.presign.api.problem.Refuses;
import io.presign.issuing.Revocations;
import io.presign.policy.Caller;
import io.presign.policy.Profile;
import io.presign.policy.ProfileCatalog;
import io.presign.policy.Rule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The emergency brake: revokes outstanding URLs.
 */
@RestController
@Tag(name = "Admin", description = "Emergency actions; need the admin scope")
final class RevocationController {

	private final Revocations revocations;

	private final ProfileCatalog catalog;

	private final AdminAccess admin;

	RevocationController(Revocations revocations, ProfileCatalog catalog, AdminAccess admin) {
		this.revocations = revocations;
		this.catalog = catalog;
		this.admin = admin;
	}

	@PostMapping("/v1/admin/revocations")
	@Operation(summary = "Revoke outstanding URLs",
			description = "Makes S3 refuse every URL the service signed until now (or only those of one profile's "
					+ "bucket and prefix): puts a deny policy on the signing role for sessions issued before now "
					+ "(aws:TokenIssueTime) and signs on with a new session, so new URLs work at once, once IAM "
					+ "has propagated the policy (usually seconds). Needs the admin scope and a signing role "
					+ "(presign.signing.role.arn); other replicas follow within presign.signing.role.revocation-check. "
					+ "URLs of profiles on S3-compatible stores or delivered through CloudFront are not revoked "
					+ "(notCovered lists them).")
	@Refuses({ Rule.SCOPE_MISSING, Rule.PROFILE_NOT_FOUND, Rule.REVOCATION_UNAVAILABLE, Rule.REVOCATION_FAILED })
	RevocationResponse revoke(@Valid @RequestBody RevocationRequest body, @Parameter(hidden = true) Caller caller) {
		this.admin.require(caller, "Revocations");
		Profile profile = (body.profile() != null) ? this.catalog.require(body.profile()) : null;
		List<String> notCovered = (profile != null) ? List.of()
				: this.catalog.all()
					.stream()
					.filter((other) -> other.endpoint() != null || other.cloudFront() != null)
					.map(Profile::name)
					.toList();
		return RevocationResponse.of(body.profile(), this.revocations.revoke(caller, profile, body.reason()),
				notCovered);
	}

}
