package io.presign.observability;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.encoder.EncoderBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WholeLineConsoleAppender} writes each line once, in one write, before the logging call returns; short
 * lines are written without waiting for each other, and a long line is written alone.
 */
class WholeLineConsoleAppenderTest {

	private static final int LONG = WholeLineConsoleAppender.WHOLE_WRITE + 1;

	private final LoggerContext context = new LoggerContext();

	WholeLineConsoleAppenderTest() {
		this.context.setMDCAdapter(new LogbackMDCAdapter());
	}

	private final ExecutorService threads = Executors.newCachedThreadPool();

	@AfterEach
	void stop() {
		this.threads.shutdownNow();
	}

	@Test
	void writesEachLineOnceInOneWriteBeforeTheCallReturns() throws Exception {
		Descriptor out = new Descriptor();
		WholeLineConsoleAppender appender = started(out);
		int writers = 16;
		int linesEach = 1_000;
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> done = new ArrayList<>();
		for (int t = 0; t < writers; t++) {
			String thread = "t" + t;
			done.add(this.threads.submit(() -> {
				start.await();
				for (int i = 0; i < linesEach; i++) {
					String line = line(thread, i);
					appender.doAppend(event(line));
					assertThat(out.contains(line)).as("written before the call returned: %s", line).isTrue();
				}
				return null;
			}));
		}
		start.countDown();
		for (Future<?> writer : done) {
			writer.get(60, TimeUnit.SECONDS);
		}
		assertThat(out.writes()).isEqualTo(writers * linesEach);
		for (int t = 0; t < writers; t++) {
			String thread = "t" + t + " ";
			List<String> own = out.lines().stream().filter((line) -> line.startsWith(thread)).toList();
			assertThat(own).hasSize(linesEach);
			for (int i = 0; i < linesEach; i++) {
				assertThat(own.get(i)).isEqualTo(line("t" + t, i));
			}
		}
		// Both kinds of line were written, and long ones never alongside another.
		assertThat(out.lines()).anyMatch((line) -> line.length() + 1 > WholeLineConsoleAppender.WHOLE_WRITE)
			.anyMatch((line) -> line.length() + 1 <= WholeLineConsoleAppender.WHOLE_WRITE);
		assertThat(out.longWritesAlongsideAnother()).isZero();
	}

	@Test
	void aShortLineIsNotHeldUpByAnotherThreadsWrite() throws Exception {
		HoldingFirst out = new HoldingFirst();
		WholeLineConsoleAppender appender = started(out);
		Future<?> first = this.threads.submit(() -> appender.doAppend(event("first")));
		assertThat(out.firstWriting.await(10, TimeUnit.SECONDS)).isTrue();
		this.threads.submit(() -> appender.doAppend(event("second"))).get(10, TimeUnit.SECONDS);
		assertThat(out.lines()).containsExactly("second");
		out.releaseFirst.countDown();
		first.get(10, TimeUnit.SECONDS);
		assertThat(out.lines()).containsExactly("second", "first");
	}

	@Test
	void aLongLineWaitsForTheWritesUnderWayAndIsWrittenAlone() throws Exception {
		HoldingFirst out = new HoldingFirst();
		WholeLineConsoleAppender appender = started(out);
		Future<?> first = this.threads.submit(() -> appender.doAppend(event("first")));
		assertThat(out.firstWriting.await(10, TimeUnit.SECONDS)).isTrue();
		String longLine = "long " + "x".repeat(LONG);
		Thread[] longWriter = new Thread[1];
		Future<?> afterIt = this.threads.submit(() -> {
			longWriter[0] = Thread.currentThread();
			appender.doAppend(event(longLine));
		});
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (longWriter[0] == null || longWriter[0].getState() != Thread.State.WAITING) {
			assertThat(System.nanoTime()).isLessThan(deadline);
			Thread.sleep(1);
		}
		assertThat(out.lines()).isEmpty();
		out.releaseFirst.countDown();
		first.get(10, TimeUnit.SECONDS);
		afterIt.get(10, TimeUnit.SECONDS);
		assertThat(out.lines()).containsExactly("first", longLine);
	}

	/** Holds the write of the line "first" until released. */
	private static final class HoldingFirst extends Descriptor {

		final CountDownLatch firstWriting = new CountDownLatch(1);

		final CountDownLatch releaseFirst = new CountDownLatch(1);

		@Override
		void whileWriting(String text) throws InterruptedException {
			if (text.startsWith("first")) {
				this.firstWriting.countDown();
				this.releaseFirst.await();
			}
		}

	}

	/** Lines of several lengths, some longer than one whole write, so that a cut or an interleaving shows. */
	private static String line(String thread, int i) {
		return thread + " " + i + " " + "x".repeat((i % 50 == 0) ? LONG : i % 97);
	}

	private WholeLineConsoleAppender started(OutputStream descriptor) {
		WholeLineConsoleAppender appender = new WholeLineConsoleAppender(descriptor);
		appender.setContext(this.context);
		appender.setEncoder(new LineEncoder());
		appender.start();
		return appender;
	}

	private ILoggingEvent event(String message) {
		return new LoggingEvent(getClass().getName(), this.context.getLogger("test"), Level.INFO, message, null,
				null);
	}

	/** Each event's message and a newline. */
	private static final class LineEncoder extends EncoderBase<ILoggingEvent> {

		@Override
		public byte[] headerBytes() {
			return null;
		}

		@Override
		public byte[] encode(ILoggingEvent event) {
			return (event.getFormattedMessage() + "\n").getBytes(StandardCharsets.UTF_8);
		}

		@Override
		public byte[] footerBytes() {
			return null;
		}

	}

	/**
	 * A file descriptor that keeps the lines written: each write must be one whole line (the appender calls
	 * {@code write} once per line), and a long line's write must overlap no other.
	 */
	private static class Descriptor extends OutputStream {

		private final List<String> lines = new ArrayList<>();

		private final Set<String> written = new HashSet<>();

		private final AtomicInteger writing = new AtomicInteger();

		private final AtomicInteger longAlongsideAnother = new AtomicInteger();

		private int writes;

		void whileWriting(String text) throws InterruptedException {
		}

		@Override
		public void write(int b) {
			throw new AssertionError("a line was written a byte at a time");
		}

		@Override
		public void write(byte[] bytes, int offset, int length) throws IOException {
			String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
			assertThat(text).endsWith("\n").hasLineCount(1);
			int others = this.writing.getAndIncrement();
			try {
				whileWriting(text);
				if (length > WholeLineConsoleAppender.WHOLE_WRITE) {
					// Gives a concurrent short write the time to start, were it not held off.
					Thread.yield();
				}
				if (length > WholeLineConsoleAppender.WHOLE_WRITE && (others > 0 || this.writing.get() > 1)) {
					this.longAlongsideAnother.incrementAndGet();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException(ex);
			}
			finally {
				this.writing.decrementAndGet();
			}
			String line = text.substring(0, text.length() - 1);
			synchronized (this) {
				this.writes++;
				this.lines.add(line);
				this.written.add(line);
			}
		}

		synchronized int writes() {
			return this.writes;
		}

		synchronized boolean contains(String line) {
			return this.written.contains(line);
		}

		synchronized List<String> lines() {
			return List.copyOf(this.lines);
		}

		int longWritesAlongsideAnother() {
			return this.longAlongsideAnother.get();
		}

	}

}
