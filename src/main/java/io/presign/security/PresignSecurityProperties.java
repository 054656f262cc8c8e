package io.presign.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.presign.policy.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may call the service, under {@code presign.security}: API keys for backend callers
 * (only SHA-256 hashes are configured, so a leaked configuration does not leak a usable
 * key) and the scope of administrators.
 *
 * @param apiKeys the accepted keys
 * @param adminScope the scope a caller (token or API key) needs for the admin endpoints:
 * diagnostics, bucket policies, revocations, and the actuator endpoints served on the API
 * port
 */
@ConfigurationProperties("presign.security")
@Validated
public record PresignSecurityProperties(@DefaultValue List<@Valid ApiKey> apiKeys,
		@DefaultValue("presign:admin") @NotBlank String adminScope) {

	/**
	 * One caller's API key, possibly in rotation.
	 *
	 * @param name the principal name the key authenticates as
	 * @param sha256 the hex SHA-256 of the key ({@code printf %s "$KEY" | sha256sum});
	 * list two while rotating, so that the old and the new key both work until the old
	 * one is removed
	 * @param scopes the scopes the key holds
	 * @param profiles the only profiles the key may use; empty for any its scopes allow
	 * @param attributes values key templates may use, such as {@code tenant} or
	 * {@code org_id}
	 */
	public record ApiKey(@NotBlank String name,
			@NotEmpty List<@Pattern(regexp = "[0-9a-fA-F]{64}",
					message = "must be 64 hex digits (a SHA-256)") String> sha256,
			@DefaultValue Set<String> scopes, @DefaultValue Set<String> profiles,
			@DefaultValue List<@Valid Attribute> attributes) {

		/**
		 * @return the caller this key authenticates as
		 */
		public Caller toCaller() {
			return new Caller(this.name, this.scopes, Caller.AuthMethod.API_KEY, attributeValues(), this.profiles);
		}

		/**
		 * @return the attributes by name
		 */
		public Map<String, String> attributeValues() {
			Map<String, String> values = new LinkedHashMap<>();
			this.attributes.forEach((attribute) -> values.put(attribute.name(), attribute.value()));
			return values;
		}

	}

	/**
	 * A value a key template may use, such as {@code org_id}. A list rather than a map,
	 * because names such as {@code org_id} would lose their underscore as map keys.
	 *
	 * @param name the attribute name, as a template names it ({@code {tenant}},
	 * {@code {claim:org_id}})
	 * @param value its value
	 */
	public record Attribute(@NotBlank String name, @NotBlank String value) {
	}

}
