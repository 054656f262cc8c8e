package io.presign.api;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.NullUnmarked;

/**
 * Body of {@code POST /v1/admin/revocations}.
 *
 * @param profile whose URLs to revoke; all URLs when absent
 * @param reason why, for the audit trail
 */
@Schema(description = "A revocation of outstanding URLs")
@NullUnmarked
public record RevocationRequest(
		@Schema(example = "avatars",
				description = "Revoke only this profile's URLs (its bucket and key prefix); "
						+ "every URL the service signed when absent") String profile,
		@Schema(example = "INC-1234: URLs posted in a public channel",
				description = "Why, for the audit trail") @NotBlank @Size(max = 500) String reason) {
}
