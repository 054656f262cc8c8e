package io.presign.diagnostics;

import java.time.Clock;

import io.presign.signing.BucketRegionCheck;
import io.presign.signing.PresignerRegistry;
import io.presign.signing.RoleRevocations;
import io.presign.signing.SigningCredentials;
import io.presign.signing.SigningProperties;
import io.presign.signing.UrlSigner;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the diagnostics checklist.
 */
@Configuration(proxyBeanMethods = false)
class DiagnosticsConfiguration {

	@Bean
	UrlDiagnostics urlDiagnostics(UrlSigner signer, SigningCredentials credentials, BucketRegionCheck regions,
			PresignerRegistry clients, DiagnosticsProperties properties, SigningProperties signing, Clock clock,
			ObjectProvider<RoleRevocations> revocations) {
		return new UrlDiagnostics(signer, credentials, regions, clients, properties, clock, signing.awsCallTimeout(),
				revocations.getIfAvailable());
	}

	@Bean
	BucketGuardrails bucketGuardrails(SigningProperties signing, DiagnosticsProperties properties) {
		return new BucketGuardrails((signing.role() != null) ? signing.role().arn() : null, properties.canaryPrefix());
	}

}
