package io.presign.diagnostics;

import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Diagnostics settings, under {@code presign.diagnostics}.
 *
 * @param canaryPrefix where the canary object is written, read and deleted; the signing
 * identity needs s3:PutObject, s3:GetObject and s3:DeleteObject there
 */
@ConfigurationProperties("presign.diagnostics")
@Validated
public record DiagnosticsProperties(@DefaultValue("_presign-canary/") @Pattern(regexp = "([^/]+/)+",
		message = "must be a non-empty key prefix ending with '/'") String canaryPrefix) {
}
