package io.presign.signing;

import java.net.URI;
import java.time.Duration;

import io.presign.config.ChecksProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How URLs are signed, under {@code presign.signing}.
 *
 * @param staticCredentials fixed credentials for S3-compatible stores and local runs;
 * leave unset on AWS so that the default credentials chain (IRSA, ECS, instance profile,
 * environment) is used
 * @param role a role to assume for signing, so that URLs get a session of their own
 * @param safetyMargin how long before the signing credentials end every URL must expire
 * @param regionCheck what to do at start-up when a bucket's real region differs from its
 * profile's
 * @param awsCallTimeout how long one call to STS or S3 (retries included) may take before
 * the request that needed it is answered 503, so that a slow dependency holds no request
 * thread for long
 * @param engine what computes the signatures: {@code lean}, the service's own SigV4
 * signer, proven to produce the SDK's URLs byte for byte at a fraction of the cost, or
 * {@code sdk}, the AWS SDK's presigner
 */
@ConfigurationProperties("presign.signing")
@Validated
public record SigningProperties(@Valid @Nullable StaticCredentials staticCredentials, @Valid @Nullable Role role,
		@DefaultValue("60s") @NotNull Duration safetyMargin, @DefaultValue("fail") @NotNull RegionCheck regionCheck,
		@DefaultValue("5s") @NotNull Duration awsCallTimeout, @DefaultValue("lean") @NotNull Engine engine) {

	@AssertTrue(message = "static-credentials and role are both set: the static credentials would sign, and the "
			+ "role would never be used")
	@ChecksProperty(value = "role.arn", fix = "set either role (a signing session of the service's own) or "
			+ "static-credentials (S3-compatible stores only), not both")
	boolean isOneCredentialSource() {
		return this.staticCredentials == null || this.role == null;
	}

	/**
	 * A fixed access key.
	 */
	public record StaticCredentials(@NotBlank String accessKeyId, @NotBlank String secretAccessKey) {

		@Override
		public String toString() {
			return "StaticCredentials[accessKeyId=" + this.accessKeyId + ", secretAccessKey=******]";
		}

	}

	/**
	 * A role assumed through STS with the default credentials chain, used only for
	 * signing.
	 *
	 * @param arn the role's ARN
	 * @param externalId the external id the role's trust policy requires, if any
	 * @param sessionName the session name, visible in CloudTrail
	 * @param sessionDuration the session length; by default twice the largest profile
	 * max-expiry plus the safety margin, between 15 minutes and 12 hours (the role's own
	 * maximum must allow it)
	 * @param region the STS region; by default the AWS default region chain
	 * @param endpoint an STS endpoint override
	 * @param iamEndpoint an IAM endpoint override, for revocations
	 * @param revocationCheck how often the role's revocation policy is read, so that a
	 * revocation made through another replica stops this one signing with older sessions
	 * too; zero for never
	 */
	public record Role(
			@NotBlank @Pattern(regexp = "arn:aws[a-z-]*:iam::\\d{12}:role/.+",
					message = "must be a role ARN such as arn:aws:iam::123456789012:role/presign-signer") String arn,
			@Nullable String externalId, @DefaultValue("presign-service") String sessionName,
			@Nullable Duration sessionDuration, @Nullable String region, @Nullable URI endpoint,
			@Nullable URI iamEndpoint, @DefaultValue("30s") Duration revocationCheck) {
	}

	/**
	 * What computes the signatures.
	 */
	public enum Engine {

		/** The service's own SigV4 query signer. */
		LEAN,

		/** The AWS SDK's {@code S3Presigner}. */
		SDK

	}

	/**
	 * What a start-up region mismatch does.
	 */
	public enum RegionCheck {

		/** Refuse to start. */
		FAIL,

		/** Log a warning and report it in readiness. */
		WARN,

		/** Do not check. */
		OFF

	}

}
