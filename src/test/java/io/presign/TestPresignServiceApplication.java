package io.presign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

import io.presign.support.EmbeddedDemo;
import io.presign.support.EmbeddedS3Server;

import org.springframework.boot.SpringApplication;

/**
 * Runs the service on an embedded S3-compatible server, so issued URLs really work with
 * no AWS account: {@code ./mvnw spring-boot:test-run}. Set {@code EMBEDDED_S3_PORT} to
 * pin the S3 server's port, and {@code --spring.pid.file=...} to have the process id
 * written where a script can stop it.
 */
public final class TestPresignServiceApplication {

	private TestPresignServiceApplication() {
	}

	public static void main(String[] args) {
		// Written first, so that a script that sees the service answer can already stop
		// it by this id.
		Arrays.stream(args)
			.filter((arg) -> arg.startsWith("--spring.pid.file="))
			.reduce((first, last) -> last)
			.ifPresent((arg) -> writePid(Path.of(arg.substring("--spring.pid.file=".length()))));
		int port = Integer.parseInt(System.getenv().getOrDefault("EMBEDDED_S3_PORT", "0"));
		EmbeddedS3Server s3 = EmbeddedS3Server.start(port).createBucket(EmbeddedDemo.BUCKET);
		Runtime.getRuntime().addShutdownHook(new Thread(s3::close));
		try {
			SpringApplication.from(PresignServiceApplication::main)
				.with(EmbeddedDemo.class)
				.withAdditionalProfiles("embedded")
				.run(Stream.concat(Stream.of(EmbeddedDemo.arguments(s3)), Arrays.stream(args)).toArray(String[]::new));
		}
		catch (RuntimeException ex) {
			// Spring Boot has reported why; the S3 server's threads would keep the
			// process alive, and the command that started it waiting.
			System.exit(1);
		}
	}

	private static void writePid(Path file) {
		try {
			Files.writeString(file, Long.toString(ProcessHandle.current().pid()));
			file.toFile().deleteOnExit();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the process id to " + file, ex);
		}
	}

}
