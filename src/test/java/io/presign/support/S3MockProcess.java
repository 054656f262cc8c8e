package io.presign.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;

/**
 * S3Mock (Maven Central's {@code com.adobe.testing:s3mock}, its executable jar) as a
 * process of its own: an S3 store that keeps object tags, which the embedded S3Proxy does
 * not implement. It checks no signature, so it shows what a store keeps, never that a URL
 * is signed right; the embedded S3Proxy shows that. The build copies the jar to
 * {@code target/s3mock} and names it in the system property {@code s3mock.jar}.
 */
public final class S3MockProcess implements AutoCloseable {

	private final Process process;

	private final int port;

	private S3MockProcess(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Start S3Mock on a free loopback port, with buckets, and wait until it answers.
	 * @param buckets the buckets it creates at start
	 * @return the running store
	 */
	public static S3MockProcess start(String... buckets) throws IOException {
		String jar = System.getProperty("s3mock.jar");
		Assumptions.assumeTrue(jar != null, "run by Maven, which copies S3Mock's jar (system property s3mock.jar)");
		Path jarPath = Path.of(jar);
		if (!Files.isRegularFile(jarPath)) {
			throw new IllegalStateException("S3Mock's jar is missing at " + jarPath + ": the build copies it there");
		}
		int http = freePort();
		int https = freePort();
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(
				List.of(java, "-Xmx256m", "-jar", jarPath.toString(), "--http.port=" + http, "--server.port=" + https,
						"--spring.main.banner-mode=off", "--logging.level.root=WARN",
						"--com.adobe.testing.s3mock.store.initial-buckets=" + String.join(",", buckets)));
		File log = jarPath.resolveSibling("s3mock.log").toFile();
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log))
			.start();
		S3MockProcess started = new S3MockProcess(process, http);
		try {
			HttpClient client = HttpClient.newHttpClient();
			Awaitility.await("S3Mock answering (its log: " + log + ")")
				.atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofMillis(250))
				.ignoreExceptions()
				.until(() -> {
					if (!process.isAlive()) {
						throw new IllegalStateException("S3Mock exited (" + process.exitValue() + "); see " + log);
					}
					return client
						.send(HttpRequest.newBuilder(started.endpoint()).build(),
								HttpResponse.BodyHandlers.discarding())
						.statusCode() == 200;
				});
		}
		catch (RuntimeException ex) {
			started.close();
			throw ex;
		}
		return started;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * @return its plain-HTTP base URI, for example {@code http://127.0.0.1:41234}
	 */
	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(Duration.ofSeconds(20).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}
