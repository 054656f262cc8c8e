package io.presign.browser;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.presign.PresignServiceApplication;
import io.presign.support.EmbeddedDemo;
import io.presign.support.EmbeddedS3Server;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What {@code ./mvnw spring-boot:test-run} starts (the embedded S3 server, the demo
 * profile, the demo pages), on free ports, for the browser tests to visit.
 */
final class EmbeddedRun implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private final EmbeddedS3Server s3;

	private final ConfigurableApplicationContext app;

	private EmbeddedRun(EmbeddedS3Server s3, ConfigurableApplicationContext app) {
		this.s3 = s3;
		this.app = app;
	}

	static EmbeddedRun start() {
		EmbeddedS3Server s3 = EmbeddedS3Server.start(0).createBucket(EmbeddedDemo.BUCKET);
		String[] arguments = Arrays.copyOf(EmbeddedDemo.arguments(s3), EmbeddedDemo.arguments(s3).length + 1);
		arguments[arguments.length - 1] = "--server.port=0";
		ConfigurableApplicationContext app = SpringApplication.from(PresignServiceApplication::main)
			.with(EmbeddedDemo.class)
			.withAdditionalProfiles("embedded")
			.run(arguments)
			.getApplicationContext();
		return new EmbeddedRun(s3, app);
	}

	String base() {
		return "http://localhost:" + this.app.getEnvironment().getProperty("local.server.port");
	}

	EmbeddedS3Server s3() {
		return this.s3;
	}

	/**
	 * @return a dev token for the user, as the demo pages get theirs
	 */
	String token(String user) throws IOException, InterruptedException {
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
