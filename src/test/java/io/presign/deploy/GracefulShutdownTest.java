package io.presign.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.presign.PresignServiceApplication;
import io.presign.support.EmbeddedDemo;
import io.presign.support.EmbeddedS3Server;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scale-in and rolling updates lose no request: the service is stopped (as SIGTERM stops
 * it, after the chart's pre-stop sleep) while twenty requests are in flight, their bodies
 * still arriving, and every one of them is answered with its URL.
 */
class GracefulShutdownTest {

	private static final int REQUESTS = 20;

	@Test
	void requestsInFlightWhenStoppingAreAllAnswered() throws Exception {
		try (EmbeddedS3Server s3 = EmbeddedS3Server.start(0).createBucket(EmbeddedDemo.BUCKET)) {
			String[] base = EmbeddedDemo.arguments(s3);
			String[] arguments = Arrays.copyOf(base, base.length + 2);
			arguments[base.length] = "--server.port=0";
			arguments[base.length + 1] = "--management.server.port=0";
			ConfigurableApplicationContext app = SpringApplication.from(PresignServiceApplication::main)
				.with(EmbeddedDemo.class)
				.withAdditionalProfiles("embedded")
				.run(arguments)
				.getApplicationContext();
			int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
			ExecutorService clients = Executors.newFixedThreadPool(REQUESTS);
			try {
				// A first request, whole, so that the dispatcher is ready before the slow
				// ones arrive.
				CountDownLatch whole = new CountDownLatch(0);
				assertThat(slowDownload(port, "shutdown/warm.txt", new CountDownLatch(1), whole))
					.startsWith("HTTP/1.1 200");
				CountDownLatch inFlight = new CountDownLatch(REQUESTS);
				CountDownLatch refusing = new CountDownLatch(1);
				List<Future<String>> answers = new ArrayList<>();
				for (int i = 0; i < REQUESTS; i++) {
					int n = i;
					answers.add(clients.submit(() -> slowDownload(port, "shutdown/" + n + ".txt", inFlight, refusing)));
				}
				// Every request has sent its headers and part of its body when the stop
				// begins; each sends the rest
				// only once the service refuses new connections, so that all of them are
				// in flight during the stop.
				assertThat(inFlight.await(30, TimeUnit.SECONDS)).isTrue();
				// A half-sent body is not yet a request to the service: Tomcat counts a
				// request as in progress (and waits for it) only once a worker thread has
				// dispatched it to the servlet, where it now waits for the rest of its
				// body. On a busy machine the stop could otherwise begin while
				// some
				// of the twenty still wait for a worker thread, and those are closed.
				ThreadPoolExecutor workers = (ThreadPoolExecutor) ((TomcatWebServer) ((WebServerApplicationContext) app)
					.getWebServer()).getTomcat().getConnector().getProtocolHandler().getExecutor();
				Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> workers.getActiveCount() >= REQUESTS);
				CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::close);
				Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !accepts(port));
				refusing.countDown();
				for (Future<String> answer : answers) {
					assertThat(answer.get(30, TimeUnit.SECONDS)).startsWith("HTTP/1.1 200").contains("\"url\":");
				}
				stopping.get(30, TimeUnit.SECONDS);
				assertThat(app.isActive()).isFalse();
			}
			finally {
				clients.shutdownNow();
				app.close();
			}
		}
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * A download request whose body arrives in two halves, as from a slow client: the
	 * second once told to.
	 * @param halfSent counted down once the first half is sent
	 * @param sendRest awaited before the second half
	 */
	private static String slowDownload(int port, String key, CountDownLatch halfSent, CountDownLatch sendRest)
			throws Exception {
		byte[] body = ("{\"profile\":\"demo\",\"key\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8);
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /v1/downloads HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: " + EmbeddedDemo.API_KEY
					+ "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
					+ "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			int half = body.length / 2;
			out.write(body, 0, half);
			out.flush();
			halfSent.countDown();
			if (!sendRest.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("never told to send the rest");
			}
			out.write(body, half, body.length - half);
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
