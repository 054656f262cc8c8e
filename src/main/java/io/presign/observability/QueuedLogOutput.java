package io.presign.observability;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;

/**
 * The service's log output, the audit trail's included, behind a bounded queue drained by
 * one writer, as production audit backends deliver events (Kubernetes' batch audit
 * backend, CloudTrail): a request hands its event to the queue and does not wait for the
 * output.
 *
 * <p>
 * Spring Boot configures the appenders (the console's encoder is the structured logging
 * format, {@link EcsLogFormatter} by default, so every line is the same bytes as before);
 * this moves each (the console; a file where {@code logging.file.name} is set) behind a
 * queue of Logback's own, an {@link AsyncAppender} of {@value #QUEUE_SIZE} events:
 * <ul>
 * <li>{@code neverBlock} false and {@code discardingThreshold} 0: a full queue blocks the
 * logging thread until the writer makes room; no event is dropped, whatever its
 * level;</li>
 * <li>the console's output is buffered ({@value #BUFFER_SIZE} bytes) and flushed every
 * {@link #FLUSH_INTERVAL}, and whenever the buffer fills, so that the writer makes one
 * {@code write} for many lines instead of one each;</li>
 * <li>stopping Logback (Spring Boot's shutdown handler does, after the application
 * context has closed, unless {@code logging.register-shutdown-hook} is false) writes
 * every queued event and flushes the buffer; {@code maxFlushTime} 0 waits for that
 * however long it takes.</li>
 * </ul>
 * A hard crash (SIGKILL, the JVM dying) loses what was not yet flushed: the events of at
 * most the last {@link #FLUSH_INTERVAL}, and those still in the queue.
 */
public final class QueuedLogOutput {

	/** How the name of a queue starts among the root logger's appenders. */
	static final String QUEUE = "QUEUE";

	/** Events the queue holds before a logging thread blocks. */
	public static final int QUEUE_SIZE = 1024;

	/** The longest an event written to the console waits in its buffer. */
	public static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);

	/** The console buffer: about 24 audit lines of a single URL. */
	static final int BUFFER_SIZE = 64 * 1024;

	private QueuedLogOutput() {
	}

	/**
	 * Moves each of the root logger's appenders behind a queue of its own (Logback's
	 * {@link AsyncAppender} takes one appender), unless they already are, and buffers the
	 * console's output, flushed on Logback's scheduler.
	 * @return the queues, none where the root logger has no appender or they are queued
	 * already
	 */
	public static List<AsyncAppender> install(LoggerContext context) {
		return install(context, QUEUE_SIZE, new StandardOutput(), (task, interval) -> {
			ScheduledFuture<?> flushing = context.getScheduledExecutorService()
				.scheduleAtFixedRate(task, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
			// Cancelled when Spring Boot resets or stops Logback.
			context.addScheduledFuture(flushing);
		});
	}

	/**
	 * The name of the queue in front of an appender.
	 * @param appender the appender's name, such as Spring Boot's {@code CONSOLE}
	 */
	public static String queueOf(String appender) {
		return QUEUE + "-" + appender;
	}

	/**
	 * {@link #install(LoggerContext)} with the queue's size, what the console writes to
	 * and the scheduler of its flushes given.
	 * @param console where the console's buffered output goes
	 * @param scheduler runs a task at a fixed interval
	 */
	static List<AsyncAppender> install(LoggerContext context, int queueSize, OutputStream console,
			FlushScheduler scheduler) {
		Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
		List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
		for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext();) {
			Appender<ILoggingEvent> appender = it.next();
			if (appender instanceof AsyncAppender) {
				return List.of();
			}
			appenders.add(appender);
		}
		List<AsyncAppender> queues = new ArrayList<>();
		for (Appender<ILoggingEvent> appender : appenders) {
			if (appender instanceof ConsoleAppender<ILoggingEvent> stdout) {
				buffer(stdout, console, scheduler);
			}
			AsyncAppender queue = new AsyncAppender();
			queue.setContext(context);
			queue.setName(queueOf(appender.getName()));
			queue.setQueueSize(queueSize);
			queue.setNeverBlock(false);
			queue.setDiscardingThreshold(0);
			queue.setIncludeCallerData(false);
			queue.setMaxFlushTime(0);
			queue.addAppender(appender);
			queue.start();
			// Added before the appender leaves, so that no event logged meanwhile is
			// lost.
			root.addAppender(queue);
			root.detachAppender(appender);
			queues.add(queue);
		}
		return queues;
	}

	private static void buffer(OutputStreamAppender<ILoggingEvent> appender, OutputStream console,
			FlushScheduler scheduler) {
		BufferedOutputStream buffered = new BufferedOutputStream(new Unclosed(console), BUFFER_SIZE);
		appender.setImmediateFlush(false);
		appender.setOutputStream(buffered);
		scheduler.every(() -> {
			try {
				buffered.flush();
			}
			catch (IOException ex) {
				appender.addError("Could not flush the console", ex);
			}
		}, FLUSH_INTERVAL);
	}

	/**
	 * Runs a task at a fixed interval.
	 */
	@FunctionalInterface
	interface FlushScheduler {

		void every(Runnable task, Duration interval);

	}

	/**
	 * The process's standard output as it is at each write, as Logback's console appender
	 * writes to it (a test may have replaced it).
	 */
	private static final class StandardOutput extends OutputStream {

		@Override
		public void write(int b) {
			System.out.write(b);
		}

		@Override
		public void write(byte[] b, int off, int len) {
			System.out.write(b, off, len);
		}

		@Override
		public void flush() {
			System.out.flush();
		}

	}

	/**
	 * Flushed but never closed when the appender closes its stream: standard output
	 * outlives the logging system.
	 */
	private static final class Unclosed extends OutputStream {

		private final OutputStream out;

		Unclosed(OutputStream out) {
			this.out = out;
		}

		@Override
		public void write(int b) throws IOException {
			this.out.write(b);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			this.out.write(b, off, len);
		}

		@Override
		public void flush() throws IOException {
			this.out.flush();
		}

		@Override
		public void close() throws IOException {
			this.out.flush();
		}

	}

}
