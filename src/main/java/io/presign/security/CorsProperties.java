package io.presign.security;

import io.presign.config.ChecksProperty;
import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.AssertTrue;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which browser origins may call the API, under {@code presign.cors}. None by default.
 *
 * @param allowedOrigins exact origins such as {@code https://app.example.com}, or
 * patterns such as {@code https://*.example.com}; never a bare {@code *}
 * @param maxAge how long browsers may cache a preflight answer
 */
@ConfigurationProperties("presign.cors")
@Validated
public record CorsProperties(@DefaultValue List<String> allowedOrigins, @DefaultValue("1h") Duration maxAge) {

	@AssertTrue(
			message = "allowed-origins must name origins; '*' would let any site call the API with its users' tokens")
	@ChecksProperty(value = "allowed-origins",
			fix = "name each frontend's origin, such as https://app.example.com, or a pattern such as https://*.example.com")
	boolean isOriginsExplicit() {
		return this.allowedOrigins.stream().noneMatch((origin) -> origin.isBlank() || origin.trim().equals("*"));
	}

}
