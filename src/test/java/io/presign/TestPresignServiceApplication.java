package io.presign;

import java.util.Arrays;
import java.util.stream.Stream;

import io.presign.support.EmbeddedDemo;
import io.presign.support.EmbeddedS3Server;

import org.springframework.boot.SpringApplication;

/**
 * Runs the service on an embedded S3-compatible server, so issued URLs really work with
 * no AWS account: {@code ./mvnw spring-boot:test-run}. Set {@code EMBEDDED_S3_PORT} to
 * pin the S3 server's port.
 */
public final class TestPresignServiceApplication {

	private TestPresignServiceApplication() {
	}

	public static void main(String[] args) {
		int port = Integer.parseInt(System.getenv().getOrDefault("EMBEDDED_S3_PORT", "0"));
		EmbeddedS3Server s3 = EmbeddedS3Server.start(port).createBucket(EmbeddedDemo.BUCKET);
		Runtime.getRuntime().addShutdownHook(new Thread(s3::close));
		SpringApplication.from(PresignServiceApplication::main)
			.with(EmbeddedDemo.class)
			.withAdditionalProfiles("embedded")
			.run(Stream.concat(Stream.of(EmbeddedDemo.arguments(s3)), Arrays.stream(args)).toArray(String[]::new));
	}

}
