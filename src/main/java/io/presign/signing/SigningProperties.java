package io.presign.signing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How URLs are signed, under {@code presign.signing}.
 *
 * @param staticCredentials fixed credentials for S3-compatible stores and local runs; leave unset on AWS so
 * that the default credentials chain (IRSA, ECS, instance profile, environment) is used
 */
@ConfigurationProperties("presign.signing")
@Validated
public record SigningProperties(@Valid StaticCredentials staticCredentials) {

	/**
	 * A fixed access key.
	 *
	 * @param accessKeyId the access key id
	 * @param secretAccessKey the secret access key
	 */
	public record StaticCredentials(@NotBlank String accessKeyId, @NotBlank String secretAccessKey) {

		@Override
		public String toString() {
			return "StaticCredentials[accessKeyId=" + this.accessKeyId + ", secretAccessKey=******]";
		}

	}

}
