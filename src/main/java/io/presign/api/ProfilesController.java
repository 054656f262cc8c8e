package io.presign.api;

import java.util.List;

import io.presign.issuing.UrlIssuer;
import io.presign.policy.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lists the profiles a caller may use.
 */
@RestController
@Tag(name = "Profiles", description = "What the caller may ask for")
final class ProfilesController {

	private final UrlIssuer issuer;

	ProfilesController(UrlIssuer issuer) {
		this.issuer = issuer;
	}

	@GetMapping("/v1/profiles")
	@Operation(summary = "List usable profiles",
			description = "The profiles whose scope the caller holds, with their limits, so a frontend can validate early.")
	@ApiResponse(responseCode = "200", description = "The profiles",
			content = @Content(mediaType = "application/json", examples = @ExampleObject(value = """
					[{"name":"avatars","operations":["download","upload"],"contentTypes":["image/png","image/*"],
					  "maxContentLength":10485760,"defaultExpirySeconds":300,"maxExpirySeconds":3600}]""")))
	@Refuses({})
	List<ProfileResponse> profiles(@Parameter(hidden = true) Caller caller) {
		return this.issuer.profilesFor(caller).stream().map((profile) -> ProfileResponse.of(profile, caller)).toList();
	}

}
