package io.presign.observability;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.StampedLock;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;

/**
 * Logback's console appender, writing each line with one write of its own to the console's file descriptor,
 * with no lock held across it for lines of up to {@value #WHOLE_WRITE} bytes. As with the appender it replaces,
 * a logging thread returns once its line has been written, so that an audit event is out of the process before
 * its response is sent.
 * <p>
 * Logback's appender writes every line under one lock, through {@code System.out}. When each request logs an
 * audit event, request threads queue on that lock, and on two cores they queue behind a holder that was
 * descheduled mid-write: with a load of downloads, 4,347 waits of 10 ms or more in 20 s. The kernel already
 * keeps a write of up to {@value #WHOLE_WRITE} bytes whole against every other on the descriptors where
 * {@link WholeLineConsoleListener} puts this appender in place: a pipe (Linux's {@code PIPE_BUF}), a regular
 * file (POSIX makes {@code write} atomic there) and a terminal. Longer lines, such as a stack trace's, are
 * written alone, under the exclusive side of a lock whose shared side the shorter ones take: a pipe may split
 * them.
 */
final class WholeLineConsoleAppender extends ConsoleAppender<ILoggingEvent> {

	/** The longest write a Linux pipe takes in one piece ({@code PIPE_BUF}); the appender is used on Linux only. */
	static final int WHOLE_WRITE = 4096;

	private final OutputStream descriptor;

	/** Shared by short lines, which may be written together; held alone by each longer line. */
	private final StampedLock lines = new StampedLock();

	/**
	 * @param descriptor unbuffered writes to the console's file descriptor, each one {@code write} call
	 */
	WholeLineConsoleAppender(OutputStream descriptor) {
		this.descriptor = descriptor;
	}

	@Override
	protected void writeOut(ILoggingEvent event) throws IOException {
		byte[] line = this.encoder.encode(event);
		if (line == null || line.length == 0) {
			return;
		}
		boolean whole = line.length <= WHOLE_WRITE;
		long stamp = whole ? this.lines.readLock() : this.lines.writeLock();
		try {
			this.descriptor.write(line);
		}
		finally {
			this.lines.unlock(stamp);
		}
	}

}
