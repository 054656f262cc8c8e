package io.presign.api;

import io.presign.config.PresignProperties;
import org.apache.catalina.core.StandardHost;
import tools.jackson.core.StreamReadFeature;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Wires what guards the API before any controller runs.
 */
@Configuration(proxyBeanMethods = false)
class ApiConfiguration {

	@Bean
	FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(PresignProperties properties,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
		FilterRegistrationBean<RequestBodyLimit> registration = new FilterRegistrationBean<>(
				new RequestBodyLimit(properties.maxRequestSize().toBytes(), problems));
		// Right after the request id, before authentication: nothing reads an oversized
		// body.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	/**
	 * Tomcat answers {@code Expect: 100-continue} at once by default, so a client sends a
	 * whole oversized body that the size check is about to refuse; answering only when
	 * the body is read lets it refuse first.
	 */
	@Bean
	TomcatConnectorCustomizer continueOnlyWhenTheBodyIsRead() {
		return (connector) -> connector.setProperty("continueResponseTiming", "onRead");
	}

	@Bean
	TomcatContextCustomizer problemsForRequestsTomcatRefuses() {
		return (context) -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(TomcatProblemReport.class.getName());
			}
		};
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
