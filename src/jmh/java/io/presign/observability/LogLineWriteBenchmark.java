package io.presign.observability;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.EncoderBase;
import ch.qos.logback.core.status.Status;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * What writing one log line costs once it is encoded: Logback's appender as the console's
 * writes it (one lock; a {@code PrintStream} over a buffer, flushed each line) against
 * the {@code write} system call alone, from one thread and from 16 at once, into a
 * regular file (as the benchmark scripts send the service's output) and into
 * {@code /dev/null}. The line is encoded beforehand, at an audit line's length. With 16
 * threads, µs/op is each thread's time per line, waits included. Run with
 * {@code ./mvnw -Pbenchmark
 * test-compile exec:exec -Dbenchmark.args="-f 1 -wi 4 -w 1s -i 6 -r 1s -tu us -bm avgt LogLineWriteBenchmark"}.
 */
@State(Scope.Benchmark)
public class LogLineWriteBenchmark {

	private static final byte[] LINE = ("{\"message\":\"" + "a".repeat(660) + "\"}\n").getBytes(StandardCharsets.UTF_8);

	/**
	 * The file the scripts write to, or /dev/null: the system call without a file system.
	 */
	@Param({ "file", "/dev/null" })
	public String output;

	private final LoggerContext context = new LoggerContext();

	private ILoggingEvent event;

	private Path file;

	private FileChannel truncation;

	private OutputStreamAppender<ILoggingEvent> appender;

	private FileOutputStream direct;

	@Setup
	public void setUp() throws IOException {
		// Without an MDC adapter every append throws inside Logback, which the appender
		// swallows: a benchmark
		// that would measure the exception and write nothing.
		this.context.setMDCAdapter(new LogbackMDCAdapter());
		this.event = new LoggingEvent(getClass().getName(), this.context.getLogger(AuditLog.LOGGER), Level.INFO,
				"Issued a download URL", null, null);
		this.file = this.output.equals("file") ? Files.createTempFile("log-line-write-benchmark", ".log")
				: Path.of(this.output);
		this.truncation = FileChannel.open(this.file, StandardOpenOption.WRITE);
		this.appender = new OutputStreamAppender<>();
		this.appender.setContext(this.context);
		this.appender.setEncoder(new Encoded());
		this.appender.setOutputStream(
				new PrintStream(new BufferedOutputStream(new FileOutputStream(this.file.toFile(), true), 8192)));
		this.appender.start();
		this.direct = new FileOutputStream(this.file.toFile(), true);
		this.appender.doAppend(this.event);
		List<Status> statuses = this.context.getStatusManager().getCopyOfStatusList();
		if (statuses.stream().anyMatch((status) -> status.getLevel() >= Status.WARN)) {
			throw new IllegalStateException("The appender reported a problem: " + statuses);
		}
		if (this.output.equals("file") && Files.size(this.file) != LINE.length) {
			throw new IllegalStateException("The appender did not write the line");
		}
	}

	/**
	 * The file is emptied before each iteration, so that a run does not fill the disk.
	 */
	@Setup(org.openjdk.jmh.annotations.Level.Iteration)
	public void empty() throws IOException {
		this.truncation.truncate(0);
	}

	@TearDown
	public void tearDown() throws IOException {
		this.appender.stop();
		this.direct.close();
		this.truncation.close();
		if (this.output.equals("file")) {
			Files.delete(this.file);
		}
	}

	@Benchmark
	public void appender1Thread() {
		this.appender.doAppend(this.event);
	}

	@Benchmark
	@Threads(16)
	public void appender16Threads() {
		this.appender.doAppend(this.event);
	}

	@Benchmark
	public void write1Thread() throws IOException {
		this.direct.write(LINE);
	}

	@Benchmark
	@Threads(16)
	public void write16Threads() throws IOException {
		this.direct.write(LINE);
	}

	/** The line, as the console's encoder would have made it. */
	private static final class Encoded extends EncoderBase<ILoggingEvent> {

		@Override
		public byte[] headerBytes() {
			return null;
		}

		@Override
		public byte[] encode(ILoggingEvent event) {
			return LINE;
		}

		@Override
		public byte[] footerBytes() {
			return null;
		}

	}

}
