package io.presign.observability;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Puts a {@link WholeLineConsoleAppender} in place of the console appender Spring Boot configured, with its
 * encoder and filters, once Boot's logging system has been initialized ({@link LoggingApplicationListener} runs
 * just before). Boot goes on configuring logging as documented ({@code logging.*} properties, structured
 * formats, a {@code logback-spring.xml}); only a plain {@code ConsoleAppender} named {@code CONSOLE} writing to
 * {@code System.out} is replaced, only while {@code System.out} is the JVM's own (a test runner's or Boot's
 * {@code OutputCaptureExtension}'s replacement, a subclass, must keep seeing the lines), and only where standard
 * output is a descriptor on which Linux keeps short writes whole: a pipe (a container's output), a regular file
 * or a terminal. Elsewhere (a socket, such as journald's; no {@code /proc}) Boot's appender stays. Registered in
 * {@code META-INF/spring.factories}.
 */
public final class WholeLineConsoleListener implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	/** The name Spring Boot gives its console appender. */
	static final String CONSOLE = "CONSOLE";

	private static final org.slf4j.Logger log = LoggerFactory.getLogger(WholeLineConsoleListener.class);

	private static final Path STANDARD_OUTPUT = Path.of("/proc/self/fd/1");

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ILoggerFactory factory = LoggerFactory.getILoggerFactory();
		if (factory instanceof LoggerContext context && System.out.getClass() == PrintStream.class
				&& keepsShortWritesWhole(STANDARD_OUTPUT)
				&& replaceConsoleAppender(context, new FileOutputStream(FileDescriptor.out))) {
			log.debug("Console lines are written whole to standard output, each in one write with no lock held");
		}
	}

	@Override
	public int getOrder() {
		return LoggingApplicationListener.DEFAULT_ORDER + 1;
	}

	/**
	 * Whether the kernel keeps each write of up to {@value WholeLineConsoleAppender#WHOLE_WRITE} bytes to this
	 * {@code /proc/self/fd} entry whole against concurrent writes.
	 */
	static boolean keepsShortWritesWhole(Path descriptor) {
		String target;
		try {
			target = Files.readSymbolicLink(descriptor).toString();
		}
		catch (IOException | UnsupportedOperationException ex) {
			return false;
		}
		if (target.startsWith("pipe:[")) {
			return true;
		}
		if (target.equals("/dev/null") || target.startsWith("/dev/pts/") || target.startsWith("/dev/tty")) {
			return true;
		}
		return target.startsWith("/") && Files.isRegularFile(descriptor);
	}

	/** Whether the console appender was replaced. */
	static boolean replaceConsoleAppender(LoggerContext context, OutputStream standardOutput) {
		Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		Appender<ILoggingEvent> appender = root.getAppender(CONSOLE);
		if (appender == null || appender.getClass() != ConsoleAppender.class || !appender.isStarted()) {
			return false;
		}
		ConsoleAppender<ILoggingEvent> console = (ConsoleAppender<ILoggingEvent>) appender;
		if (!"System.out".equals(console.getTarget()) || console.isWithJansi()) {
			return false;
		}
		WholeLineConsoleAppender replacement = new WholeLineConsoleAppender(standardOutput);
		replacement.setContext(context);
		replacement.setName(CONSOLE);
		replacement.setEncoder(console.getEncoder());
		console.getCopyOfAttachedFiltersList().forEach(replacement::addFilter);
		replacement.start();
		// Attached before the old one is detached: a line logged in between may be written twice, none is lost.
		root.addAppender(replacement);
		root.detachAppender(console);
		return true;
	}

}
