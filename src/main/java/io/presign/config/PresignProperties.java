package io.presign.config;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The profiles this deployment offers, under {@code presign.profiles}. None by default: a
 * fresh deployment issues nothing until profiles are configured.
 *
 * @param profiles the profiles, by name
 * @param maxBatchSize the most URLs one batch request may ask for
 * @param maxRequestSize the largest request body accepted; larger ones are refused with
 * 413 before they are read, so that no body can cost more than parsing this much
 */
@ConfigurationProperties("presign")
@Validated
public record PresignProperties(@DefaultValue Map<String, @Valid ProfileProperties> profiles,
		@DefaultValue("100") @Min(1) @Max(1000) int maxBatchSize, @DefaultValue("256KB") DataSize maxRequestSize) {
}
