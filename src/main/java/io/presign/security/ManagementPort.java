package io.presign.security;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Matches requests that arrived on the separate management port, which is reachable only
 * inside the cluster (Prometheus, probes), so its endpoints need no credentials there.
 */
final class ManagementPort implements RequestMatcher, ApplicationListener<WebServerInitializedEvent> {

	private static final String MANAGEMENT_NAMESPACE = "management";

	private final AtomicInteger port = new AtomicInteger(-1);

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (MANAGEMENT_NAMESPACE.equals(event.getApplicationContext().getServerNamespace())) {
			this.port.set(event.getWebServer().getPort());
		}
	}

	@Override
	public boolean matches(HttpServletRequest request) {
		return request.getLocalPort() == this.port.get();
	}

}
