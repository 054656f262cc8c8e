package io.presign.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.presign.PresignServiceApplication;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What {@code ./mvnw spring-boot:test-run} starts (the embedded S3 server, the demo
 * profile, the demo pages), on free ports, for the browser tests to visit.
 */
public final class EmbeddedRun implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final EmbeddedS3Server s3;

	private final ConfigurableApplicationContext app;

	private EmbeddedRun(EmbeddedS3Server s3, ConfigurableApplicationContext app) {
		this.s3 = s3;
		this.app = app;
	}

	/**
	 * @param arguments more command-line arguments, such as
	 * {@code --management.server.port=0}
	 * @return the embedded run, started on a free port
	 */
	public static EmbeddedRun start(String... arguments) {
		EmbeddedS3Server s3 = EmbeddedS3Server.start(0).createBucket(EmbeddedDemo.BUCKET);
		List<String> all = new ArrayList<>(List.of(EmbeddedDemo.arguments(s3)));
		// Free ports unless the caller names its own (an option given twice would be
		// both).
		for (String port : List.of("--server.port", "--management.server.port")) {
			if (Stream.of(arguments).noneMatch((argument) -> argument.startsWith(port + "="))) {
				all.add(port + "=0");
			}
		}
		all.addAll(List.of(arguments));
		try {
			ConfigurableApplicationContext app = SpringApplication.from(PresignServiceApplication::main)
				.with(EmbeddedDemo.class)
				.withAdditionalProfiles("embedded")
				.run(all.toArray(String[]::new))
				.getApplicationContext();
			return new EmbeddedRun(s3, app);
		}
		catch (RuntimeException ex) {
			s3.close();
			throw ex;
		}
	}

	/**
	 * @return the API's base URL, {@code http://localhost:PORT}
	 */
	public String base() {
		return "http://localhost:" + this.app.getEnvironment().getProperty("local.server.port");
	}

	/**
	 * @return the management base URL (Prometheus, probes), {@code http://localhost:PORT}
	 */
	public String management() {
		return "http://localhost:" + this.app.getEnvironment().getProperty("local.management.port");
	}

	/**
	 * @return the embedded S3 server
	 */
	public EmbeddedS3Server s3() {
		return this.s3;
	}

	/**
	 * @return the running service
	 */
	public ConfigurableApplicationContext context() {
		return this.app;
	}

	/**
	 * @return a dev token for the user, as the demo pages get theirs
	 */
	public String token(String user) throws IOException, InterruptedException {
		String body = HTTP
			.send(HttpRequest.newBuilder(URI.create(base() + "/demo/token?user=" + user))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
		Matcher token = Pattern.compile("\"token\":\"([^\"]+)\"").matcher(body);
		if (!token.find()) {
			throw new IllegalStateException("No token in " + body);
		}
		return token.group(1);
	}

	@Override
	public void close() {
		this.app.close();
		this.s3.close();
	}

}
