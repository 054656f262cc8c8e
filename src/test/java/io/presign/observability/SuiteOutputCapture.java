package io.presign.observability;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Copies everything the test JVM prints, from the first test on, so that {@link LogLeakScanTest} can scan
 * the whole suite's logs. Registered through {@code META-INF/services}.
 */
public final class SuiteOutputCapture implements LauncherSessionListener {

	private static final ByteArrayOutputStream CAPTURED = new ByteArrayOutputStream();

	private static volatile boolean installed;

	@Override
	public void launcherSessionOpened(LauncherSession session) {
		synchronized (SuiteOutputCapture.class) {
			if (!installed) {
				System.setOut(tee(System.out));
				System.setErr(tee(System.err));
				installed = true;
			}
		}
	}

	/**
	 * @return whether capture is running in this JVM
	 */
	public static boolean installed() {
		return installed;
	}

	/**
	 * @return everything printed since the suite started
	 */
	public static String captured() {
		synchronized (CAPTURED) {
			return CAPTURED.toString(StandardCharsets.UTF_8);
		}
	}

	private static PrintStream tee(PrintStream original) {
		return new PrintStream(new OutputStream() {
			@Override
			public void write(int b) {
				original.write(b);
				synchronized (CAPTURED) {
					CAPTURED.write(b);
				}
			}

			@Override
			public void write(byte[] bytes, int offset, int length) {
				original.write(bytes, offset, length);
				synchronized (CAPTURED) {
					CAPTURED.write(bytes, offset, length);
				}
			}

			@Override
			public void flush() {
				original.flush();
			}
		}, true, StandardCharsets.UTF_8);
	}

}
