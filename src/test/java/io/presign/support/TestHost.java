package io.presign.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * What the tests that start processes of their own need from the machine: free ports, and
 * the tools a fresh machine lacks, which {@code .ci/run} installs.
 */
public final class TestHost {

	private TestHost() {
	}

	/**
	 * A port nothing listens on now; another process could still take it before the
	 * caller binds it.
	 */
	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * Skips the test where the tool is missing; in CI ({@code CI=true}), which installs
	 * it, fails it instead.
	 * @param test what needs the tool, for the failure
	 * @param install how to install it, for the skip
	 */
	public static void requireExecutable(Path tool, String test, String install) {
		if (Files.isExecutable(tool)) {
			return;
		}
		if ("true".equals(System.getenv("CI"))) {
			fail("In CI " + test + " must run: " + tool + " is missing");
		}
		Assumptions.assumeTrue(false, tool.getFileName() + " is not installed (" + install + ")");
	}

}
