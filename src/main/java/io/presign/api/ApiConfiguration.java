package io.presign.api;

import tools.jackson.core.StreamReadFeature;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires what guards the API before any controller runs.
 */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

	/**
	 * Tomcat answers {@code Expect: 100-continue} at once by default, so a client sends a
	 * whole oversized body that the size check is about to refuse; answering only when
	 * the body is read lets it refuse first.
	 */
	@Bean
	TomcatConnectorCustomizer continueOnlyWhenTheBodyIsRead() {
		return (connector) -> connector.setProperty("continueResponseTiming", "onRead");
	}

	/**
	 * A field named twice is refused rather than read as its last value: a proxy or
	 * firewall in front that reads the first one would otherwise check a different
	 * request than the one served.
	 */
	@Bean
	JsonMapperBuilderCustomizer duplicateFieldsRefused() {
		return (builder) -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
	}

}
