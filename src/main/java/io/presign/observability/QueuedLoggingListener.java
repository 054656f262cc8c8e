package io.presign.observability;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Puts the log output behind its queue ({@link QueuedLogOutput}) once Spring Boot has
 * configured logging: registered in {@code META-INF/spring.factories}, it runs right
 * after Spring Boot's {@link LoggingApplicationListener}, before anything of the
 * application logs.
 */
public final class QueuedLoggingListener implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
			QueuedLogOutput.install(context);
		}
	}

	@Override
	public int getOrder() {
		return LoggingApplicationListener.DEFAULT_ORDER + 1;
	}

}
