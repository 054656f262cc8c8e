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

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.EncoderBase;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * What writing one console line costs when many request threads log at once, as each request logs its audit
 * event: Logback's console appender (one lock; {@code System.out}'s stream, flushed each line) against
 * {@link WholeLineConsoleAppender} (one write each, no lock), with 16 threads on the machine's cores and with
 * one, into a regular file (as the benchmark scripts send the service's output) and into {@code /dev/null}
 * (the system call without a file system). The line is encoded beforehand, at the audit line's length, so
 * only the writing is measured. With 16 threads, µs/op is each thread's time per line, waits included. Run
 * with {@code ./mvnw -Pbenchmark test-compile exec:exec
 * -Dbenchmark.args="-f 1 -wi 4 -w 1s -i 8 -r 1s -tu us -bm avgt ConsoleWriteBenchmark"}.
 */
@State(Scope.Benchmark)
public class ConsoleWriteBenchmark {

	private static final byte[] LINE = ("{\"message\":\"" + "a".repeat(660) + "\"}\n").getBytes(StandardCharsets.UTF_8);

	private final LoggerContext context = new LoggerContext();

	private final ILoggingEvent event = new LoggingEvent(getClass().getName(), this.context.getLogger("presign.audit"),
			ch.qos.logback.classic.Level.INFO, "Issued a download URL", null, null);

	/** A regular file, as the benchmark scripts send the service's output to; or /dev/null, the writes alone. */
	@Param({ "file", "/dev/null" })
	public String output;

	private Path file;

	private FileChannel truncation;

	private OutputStreamAppender<ILoggingEvent> logback;

	private WholeLineConsoleAppender wholeLine;

	@Setup
	public void setUp() throws IOException {
		this.file = this.output.equals("file") ? Files.createTempFile("console-write-benchmark", ".log")
				: Path.of(this.output);
		this.truncation = FileChannel.open(this.file, StandardOpenOption.WRITE);
		// As Logback's ConsoleAppender writes: through System.out's PrintStream and buffer, flushed each line.
		this.logback = new OutputStreamAppender<>();
		this.logback.setContext(this.context);
		this.logback.setEncoder(new Encoded());
		this.logback.setOutputStream(
				new PrintStream(new BufferedOutputStream(new FileOutputStream(this.file.toFile(), true), 8192)));
		this.logback.start();
		this.wholeLine = new WholeLineConsoleAppender(new FileOutputStream(this.file.toFile(), true));
		this.wholeLine.setContext(this.context);
		this.wholeLine.setEncoder(new Encoded());
		this.wholeLine.start();
	}

	/** The file is emptied before each iteration, so that a run does not fill the disk. */
	@Setup(Level.Iteration)
	public void empty() throws IOException {
		this.truncation.truncate(0);
	}

	@TearDown
	public void tearDown() throws IOException {
		this.logback.stop();
		this.truncation.close();
		if (this.output.equals("file")) {
			Files.delete(this.file);
		}
	}

	@Benchmark
	@Threads(16)
	public void logbackConsole16Threads() {
		this.logback.doAppend(this.event);
	}

	@Benchmark
	@Threads(16)
	public void wholeLineConsole16Threads() {
		this.wholeLine.doAppend(this.event);
	}

	@Benchmark
	public void logbackConsole1Thread() {
		this.logback.doAppend(this.event);
	}

	@Benchmark
	public void wholeLineConsole1Thread() {
		this.wholeLine.doAppend(this.event);
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
