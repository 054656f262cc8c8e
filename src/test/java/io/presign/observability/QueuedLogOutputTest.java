package io.presign.observability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.ConsoleAppender;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail's queue, on a Logback context of its own set up as Spring Boot sets up
 * the service's (a console appender on the root logger): every event written after a
 * graceful stop, a full queue blocking rather than dropping, the console flushed on its
 * interval, and each line the bytes it was before the queue.
 */
class QueuedLogOutputTest {

	private static final String LINE = "%d{HH:mm:ss.SSS} [%thread] %level %logger %mdc %kvp - %msg%n";

	private final LoggerContext context = context();

	private final ByteArrayOutputStream console = new ByteArrayOutputStream();

	private final List<Runnable> flushes = new ArrayList<>();

	private final List<Duration> intervals = new ArrayList<>();

	private final PatternLayoutEncoder encoder = encoder();

	@AfterEach
	void stop() {
		this.context.stop();
	}

	@Test
	void everyEventLoggedUnderLoadIsWrittenByAGracefulStop() throws Exception {
		AsyncAppender queue = install(16);
		assertThat(queue.isNeverBlock()).isFalse();
		assertThat(queue.getDiscardingThreshold()).as("INFO events are never discarded").isZero();
		assertThat(queue.getMaxFlushTime()).as("a stop waits until every event is written").isZero();
		int threads = 8;
		int eventsEach = 2_000;
		CyclicBarrier start = new CyclicBarrier(threads);
		List<Thread> loggers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int thread = t;
			loggers.add(started("http-nio-exec-" + t, () -> {
				await(start);
				org.slf4j.Logger audit = this.context.getLogger(AuditLog.LOGGER);
				for (int i = 0; i < eventsEach; i++) {
					audit.atInfo().addKeyValue("event.action", "url-issued").log("event {}-{}", thread, i);
				}
			}));
		}
		for (Thread logger : loggers) {
			logger.join();
		}

		// What Spring Boot's shutdown handler does once the application has closed.
		this.context.stop();

		List<String> lines = lines();
		assertThat(lines).hasSize(threads * eventsEach);
		for (int t = 0; t < threads; t++) {
			int thread = t;
			assertThat(lines).as("thread %d's events, each once and in its order", t)
				.filteredOn((line) -> line.contains("[http-nio-exec-" + thread + "]"))
				.extracting((line) -> line.substring(line.indexOf(" - ") + 3))
				.containsExactlyElementsOf(
						IntStream.range(0, eventsEach).mapToObj((i) -> "event " + thread + "-" + i).toList());
		}
	}

	@Test
	void aFullQueueBlocksTheLoggingThreadUntilTheWriterMakesRoom() throws Exception {
		CountDownLatch released = new CountDownLatch(1);
		List<String> written = new ArrayList<>();
		// A second output that stalls, as a full disk or an unread pipe would.
		AppenderBase<ILoggingEvent> stalled = new AppenderBase<>() {

			@Override
			protected void append(ILoggingEvent event) {
				try {
					released.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				synchronized (written) {
					written.add(event.getFormattedMessage());
				}
			}

		};
		stalled.setName("FILE");
		int queueSize = 4;
		install(queueSize, stalled);
		AsyncAppender queue = (AsyncAppender) this.context.getLogger(Logger.ROOT_LOGGER_NAME)
			.getAppender(QueuedLogOutput.queueOf("FILE"));
		// The writer takes what the queue holds and stalls on the first of them; the
		// queue
		// fills again and the logging thread waits, long before its last event.
		int events = 50;
		Thread logger = started("request", () -> {
			for (int i = 0; i < events; i++) {
				this.context.getLogger(AuditLog.LOGGER).info("event {}", i);
			}
		});

		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.until(() -> logger.getState() == Thread.State.WAITING && queue.getRemainingCapacity() == 0);
		assertThat(logger.isAlive()).isTrue();
		assertThat(written).isEmpty();

		released.countDown();
		logger.join();
		this.context.stop();
		assertThat(written)
			.containsExactlyElementsOf(IntStream.range(0, events).mapToObj((i) -> "event " + i).toList());
		assertThat(lines()).hasSize(events);
	}

	@Test
	void theConsoleIsFlushedEveryIntervalAndWhenItsBufferFills() {
		AsyncAppender queue = install(QueuedLogOutput.QUEUE_SIZE);
		assertThat(this.intervals).as("one flush task, every second").containsExactly(Duration.ofSeconds(1));
		assertThat(QueuedLogOutput.FLUSH_INTERVAL).isEqualTo(Duration.ofSeconds(1));
		// The console as the queue's writer calls it, called here on the test's thread:
		// what it has written is known without waiting for the writer.
		Appender<ILoggingEvent> console = queue.getAppender("CONSOLE");
		Logger audit = this.context.getLogger(AuditLog.LOGGER);

		console.doAppend(new LoggingEvent(Logger.FQCN, audit, Level.INFO, "first", null, null));
		assertThat(this.console.size()).as("buffered until the flush").isZero();
		this.flushes.get(0).run();
		assertThat(lines()).singleElement().asString().endsWith(" - first");

		// Without a flush, a full buffer goes out by itself: the buffer bounds what
		// waits.
		String big = "x".repeat(1000);
		int lines = 2 * QueuedLogOutput.BUFFER_SIZE / big.length();
		for (int i = 0; i < lines; i++) {
			console.doAppend(new LoggingEvent(Logger.FQCN, audit, Level.INFO, big, null, null));
		}
		assertThat(this.console.size()).isGreaterThan(QueuedLogOutput.BUFFER_SIZE);
		assertThat(lines()).hasSizeLessThan(1 + lines);
		this.flushes.get(0).run();
		assertThat(lines()).hasSize(1 + lines);
	}

	@Test
	void aQueuedLineIsTheLineWrittenWithoutTheQueue() throws Exception {
		Logger audit = this.context.getLogger(AuditLog.LOGGER);
		ByteArrayOutputStream direct = new ByteArrayOutputStream();
		List<ILoggingEvent> events = new ArrayList<>();
		AppenderBase<ILoggingEvent> unqueued = new AppenderBase<>() {

			@Override
			protected void append(ILoggingEvent event) {
				// Encoded on the logging thread, as the console did before the queue.
				direct.writeBytes(QueuedLogOutputTest.this.encoder.encode(event));
				events.add(event);
			}

		};
		unqueued.setContext(this.context);
		unqueued.start();
		audit.addAppender(unqueued);
		install(QueuedLogOutput.QUEUE_SIZE);
		Thread request = started("http-nio-8080-exec-7", () -> {
			MDC.put(AuditLog.REQUEST_ID, "r-1");
			MDC.put(AuditLog.CLIENT_IP, "203.0.113.9");
			audit.atInfo()
				.addKeyValue("event.action", "url-issued")
				.addKeyValue("key", "users/alice/a.txt")
				.log("Issued a {} URL", "download");
			MDC.clear();
		});
		request.join();
		this.context.stop();

		assertThat(events).hasSize(1);
		assertThat(this.console.toString(StandardCharsets.UTF_8)).isEqualTo(direct.toString(StandardCharsets.UTF_8))
			.contains("[http-nio-8080-exec-7]")
			.contains("requestId=r-1")
			.contains("key=\"users/alice/a.txt\"");
	}

	/**
	 * The console on the root logger, any other appenders after it, then the queue in
	 * front of them.
	 */
	@SafeVarargs
	private AsyncAppender install(int queueSize, AppenderBase<ILoggingEvent>... others) {
		ConsoleAppender<ILoggingEvent> stdout = new ConsoleAppender<>();
		stdout.setContext(this.context);
		stdout.setName("CONSOLE");
		stdout.setEncoder(this.encoder);
		stdout.start();
		Logger root = this.context.getLogger(Logger.ROOT_LOGGER_NAME);
		root.addAppender(stdout);
		for (AppenderBase<ILoggingEvent> other : others) {
			other.setContext(this.context);
			other.start();
			root.addAppender(other);
		}
		List<AsyncAppender> queues = QueuedLogOutput.install(this.context, queueSize, this.console,
				(task, interval) -> {
					this.flushes.add(task);
					this.intervals.add(interval);
				});
		assertThat(queues).as("one queue in front of each appender").hasSize(1 + others.length);
		assertThat(root.getAppender("CONSOLE")).as("behind the queue").isNull();
		AsyncAppender queue = (AsyncAppender) root.getAppender(QueuedLogOutput.queueOf("CONSOLE"));
		assertThat(queue.getAppender("CONSOLE")).isSameAs(stdout);
		assertThat(QueuedLogOutput.install(this.context, queueSize, this.console, (task, interval) -> {
		})).as("installed once").isEmpty();
		return queue;
	}

	private static LoggerContext context() {
		LoggerContext context = new LoggerContext();
		// The logging context SLF4J's MDC fills, as in the service.
		context.setMDCAdapter(MDC.getMDCAdapter());
		return context;
	}

	private PatternLayoutEncoder encoder() {
		PatternLayoutEncoder encoder = new PatternLayoutEncoder();
		encoder.setContext(this.context);
		encoder.setPattern(LINE);
		encoder.setCharset(StandardCharsets.UTF_8);
		encoder.start();
		return encoder;
	}

	private List<String> lines() {
		return this.console.toString(StandardCharsets.UTF_8).lines().toList();
	}

	private static Thread started(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.start();
		return thread;
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
