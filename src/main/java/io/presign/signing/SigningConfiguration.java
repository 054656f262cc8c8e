package io.presign.signing;

import io.presign.policy.ProfileCatalog;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the signing credentials, the per-region presigners and the signer.
 */
@Configuration(proxyBeanMethods = false)
class SigningConfiguration {

	@Bean
	@ConditionalOnMissingBean
	AwsCredentialsProvider signingCredentialsProvider(SigningProperties properties) {
		SigningProperties.StaticCredentials fixed = properties.staticCredentials();
		if (fixed != null) {
			return StaticCredentialsProvider
				.create(AwsBasicCredentials.create(fixed.accessKeyId(), fixed.secretAccessKey()));
		}
		return DefaultCredentialsProvider.builder().build();
	}

	@Bean
	PresignerRegistry presignerRegistry(ProfileCatalog catalog, AwsCredentialsProvider credentials) {
		return new PresignerRegistry(catalog, credentials);
	}

	@Bean
	UrlSigner urlSigner(PresignerRegistry presigners) {
		return new S3UrlSigner(presigners);
	}

}
