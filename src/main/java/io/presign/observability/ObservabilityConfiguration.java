package io.presign.observability;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.presign.policy.ProfileCatalog;
import io.presign.signing.SigningCredentials;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Wires metrics, the audit log and request ids.
 */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

	@Bean
	PresignMetrics presignMetrics(MeterRegistry registry, SigningCredentials credentials, Clock clock) {
		return new PresignMetrics(registry, credentials, clock);
	}

	@Bean
	AuditLog auditLog() {
		return new AuditLog();
	}

	@Bean
	RefusalRecorder refusalRecorder(PresignMetrics metrics, AuditLog audit, ProfileCatalog catalog) {
		return new RefusalRecorder(metrics, audit, catalog);
	}

	@Bean
	FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
		// Before Spring Security, so that refusals of credentials carry the id too.
		FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
