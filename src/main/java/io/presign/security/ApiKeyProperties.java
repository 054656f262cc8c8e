package io.presign.security;

import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * API keys for backend callers, under {@code presign.security}. Only SHA-256 hashes are configured, so a
 * leaked configuration does not leak a usable key.
 *
 * @param apiKeys the accepted keys
 */
@ConfigurationProperties("presign.security")
@Validated
public record ApiKeyProperties(@DefaultValue List<@Valid ApiKey> apiKeys) {

	/**
	 * One API key.
	 *
	 * @param name the principal name the key authenticates as
	 * @param sha256 the hex SHA-256 of the key ({@code printf %s "$KEY" | sha256sum})
	 * @param scopes the scopes the key holds
	 */
	public record ApiKey(@NotBlank String name,
			@NotBlank @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be 64 hex digits (a SHA-256)") String sha256,
			@DefaultValue Set<String> scopes) {
	}

}
