package io.presign.api.problem;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.presign.config.PresignProperties;
import org.apache.catalina.core.StandardHost;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Wires the error answers outside the controllers: the body guard before them, the
 * container's own refusals, and the problem responses of the API description.
 */
@Configuration(proxyBeanMethods = false)
class ProblemConfiguration {

	/**
	 * @param unlimitedBodies the paths whose body the service never reads (an upload
	 * widget's completion, which lists every part), named by the controllers that serve
	 * them
	 */
	@Bean
	FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(PresignProperties properties,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems,
			List<UnreadRequestBody> unlimitedBodies) {
		Set<String> paths = new HashSet<>();
		unlimitedBodies.forEach((unread) -> paths.addAll(unread.paths()));
		FilterRegistrationBean<RequestBodyLimit> registration = new FilterRegistrationBean<>(
				new RequestBodyLimit(properties.maxRequestSize().toBytes(), paths, problems));
		// Right after the request id, before authentication: nothing reads an oversized
		// body.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

	@Bean
	TomcatContextCustomizer problemsForRequestsTomcatRefuses() {
		return (context) -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(TomcatProblemReport.class.getName());
			}
		};
	}

	@Bean
	ProblemResponses problemResponses(JsonMapper json) {
		return new ProblemResponses(json);
	}

}
