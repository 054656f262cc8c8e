package io.presign.observability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WholeLineConsoleListener} replaces Spring Boot's console appender, keeping its encoder and filters, and
 * only on descriptors where the kernel keeps short writes whole.
 */
class WholeLineConsoleListenerTest {

	@TempDir
	Path directory;

	private final List<Path> links = new ArrayList<>();

	/** Links to outside the temporary directory, which JUnit would warn of when it deletes them. */
	@AfterEach
	void deleteLinks() throws Exception {
		for (Path link : this.links) {
			Files.delete(link);
		}
	}

	@Test
	void shortWritesStayWholeOnPipesRegularFilesAndTerminalsOnly() throws Exception {
		Path file = Files.writeString(this.directory.resolve("service.log"), "");
		assertThat(WholeLineConsoleListener.keepsShortWritesWhole(link("pipe:[4026532]"))).isTrue();
		assertThat(WholeLineConsoleListener.keepsShortWritesWhole(link(file.toString()))).isTrue();
		assertThat(WholeLineConsoleListener.keepsShortWritesWhole(link("/dev/pts/0"))).isTrue();
		assertThat(WholeLineConsoleListener.keepsShortWritesWhole(link("/dev/null"))).isTrue();
		assertThat(WholeLineConsoleListener.keepsShortWritesWhole(link("socket:[4026533]"))).isFalse();
		assertThat(WholeLineConsoleListener.keepsShortWritesWhole(link("anon_inode:[eventfd]"))).isFalse();
		assertThat(WholeLineConsoleListener.keepsShortWritesWhole(link(this.directory.toString()))).isFalse();
		assertThat(WholeLineConsoleListener.keepsShortWritesWhole(link("/dev/sda"))).isFalse();
		// Not a /proc/self/fd entry at all, or none there: no /proc.
		assertThat(WholeLineConsoleListener.keepsShortWritesWhole(file)).isFalse();
		assertThat(WholeLineConsoleListener.keepsShortWritesWhole(this.directory.resolve("none"))).isFalse();
	}

	@Test
	void replacesBootsConsoleAppenderKeepingItsEncoderAndThreshold() {
		LoggerContext context = context();
		ConsoleAppender<ILoggingEvent> boot = console(context, new ConsoleAppender<>(), "System.out");
		ByteArrayOutputStream standardOutput = new ByteArrayOutputStream();

		assertThat(WholeLineConsoleListener.replaceConsoleAppender(context, standardOutput)).isTrue();

		List<Appender<ILoggingEvent>> appenders = appenders(context);
		assertThat(appenders).singleElement().isInstanceOf(WholeLineConsoleAppender.class);
		WholeLineConsoleAppender replacement = (WholeLineConsoleAppender) appenders.get(0);
		assertThat(replacement.getName()).isEqualTo("CONSOLE");
		assertThat(replacement.isStarted()).isTrue();
		assertThat(replacement.getEncoder()).isSameAs(boot.getEncoder());
		Logger logger = context.getLogger("test");
		logger.warn("below the threshold");
		logger.error("at the threshold");
		assertThat(standardOutput.toString(StandardCharsets.UTF_8)).isEqualTo("ERROR at the threshold\n");
	}

	@Test
	void leavesOtherConsoleAppendersAlone() {
		LoggerContext errContext = context();
		ConsoleAppender<ILoggingEvent> toStandardError = console(errContext, new ConsoleAppender<>(), "System.err");
		LoggerContext ownContext = context();
		ConsoleAppender<ILoggingEvent> ownClass = console(ownContext, new ConsoleAppender<>() {
		}, "System.out");

		assertThat(WholeLineConsoleListener.replaceConsoleAppender(errContext, new ByteArrayOutputStream())).isFalse();
		assertThat(WholeLineConsoleListener.replaceConsoleAppender(ownContext, new ByteArrayOutputStream())).isFalse();
		assertThat(WholeLineConsoleListener.replaceConsoleAppender(context(), new ByteArrayOutputStream()))
			.isFalse();
		assertThat(appenders(errContext)).containsExactly(toStandardError);
		assertThat(appenders(ownContext)).containsExactly(ownClass);
	}

	/** A console appender as Spring Boot configures one: named CONSOLE, with a threshold at ERROR. */
	private static ConsoleAppender<ILoggingEvent> console(LoggerContext context, ConsoleAppender<ILoggingEvent> console,
			String target) {
		PatternLayoutEncoder encoder = new PatternLayoutEncoder();
		encoder.setContext(context);
		encoder.setPattern("%level %msg%n");
		encoder.start();
		ThresholdFilter threshold = new ThresholdFilter();
		threshold.setLevel(Level.ERROR.levelStr);
		threshold.start();
		console.setContext(context);
		console.setName("CONSOLE");
		console.setTarget(target);
		console.setEncoder(encoder);
		console.addFilter(threshold);
		console.start();
		context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(console);
		return console;
	}

	private static LoggerContext context() {
		LoggerContext context = new LoggerContext();
		context.setMDCAdapter(new LogbackMDCAdapter());
		return context;
	}

	private static List<Appender<ILoggingEvent>> appenders(LoggerContext context) {
		List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
		context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().forEachRemaining(appenders::add);
		return appenders;
	}

	private Path link(String target) throws Exception {
		Path link = Files.createSymbolicLink(this.directory.resolve("fd" + this.links.size()), Path.of(target));
		this.links.add(link);
		return link;
	}

}
