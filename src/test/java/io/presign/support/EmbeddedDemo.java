package io.presign.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The embedded default: a {@code demo} profile on an in-memory bucket, a dev API key, and
 * a curl tour printed once the service is ready.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(DemoPages.class)
public class EmbeddedDemo {

	/** The demo bucket. */
	public static final String BUCKET = "demo-bucket";

	/** The dev API key, whose hash {@code application-embedded.yml} configures. */
	public static final String API_KEY = "dev-api-key";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDemo.class);

	private final Environment environment;

	public EmbeddedDemo(Environment environment) {
		this.environment = environment;
	}

	/**
	 * @param s3 the running S3 server
	 * @return command-line arguments pointing the demo profile and the signer at it
	 */
	public static String[] arguments(EmbeddedS3Server s3) {
		List<String> arguments = new ArrayList<>(List.of("--presign.profiles.demo.endpoint=" + s3.endpoint(),
				"--presign.signing.static-credentials.access-key-id=" + EmbeddedS3Server.ACCESS_KEY_ID,
				"--presign.signing.static-credentials.secret-access-key=" + EmbeddedS3Server.SECRET_ACCESS_KEY));
		// The dev issuer whose tokens the demo pages use (POST /demo/token).
		TestJwtIssuer.shared().properties().forEach((name, value) -> arguments.add("--" + name + "=" + value));
		return arguments.toArray(String[]::new);
	}

	/**
	 * The demo pages and the dev token endpoint are public; everything else keeps the
	 * service's own rules.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	public SecurityFilterChain demoPageSecurity(HttpSecurity http) {
		return http.securityMatcher("/demo", "/demo/**")
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.build();
	}

	/**
	 * The multipart examples of Swagger UI on real uploads of the embedded S3 server.
	 * @return after the service's own examples
	 */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	OpenApiCustomizer liveUploadExamples() {
		return new LiveUploadExamples(
				URI.create(this.environment.getRequiredProperty("presign.profiles.demo.endpoint")));
	}

	@EventListener(ApplicationReadyEvent.class)
	public void printTour() {
		String base = "http://localhost:" + this.environment.getProperty("local.server.port", "8080");
		log.info(
				"\n\npresign-service is running on {} with an embedded S3 server (bucket '{}').\n"
						+ "Demo page: {}/demo   Swagger UI: {}/swagger-ui.html   dev API key: {}\n"
						+ "Browser apps on these origins may call it (presign.cors.allowed-origins): {}\n"
						+ "Try it (curl and sed only):\n\n{}",
				base, BUCKET, base, base, API_KEY,
				Binder.get(this.environment)
					.bind("presign.cors.allowed-origins", Bindable.listOf(String.class))
					.orElse(List.of()),
				tour(base));
	}

	/**
	 * The curl tour of the README (get an upload URL, PUT a file with the returned
	 * headers, get a download URL, read the file back), read from the README itself, so
	 * that what the README shows is what runs.
	 * @param base the service's base URL, in place of the README's
	 * {@code http://localhost:8080}
	 * @return a shell script
	 */
	public static String tour(String base) {
		String readme;
		try {
			readme = Files.readString(Path.of("README.md"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The curl tour is read from README.md in the project directory", ex);
		}
		int section = readme.indexOf("## The curl tour");
		int start = readme.indexOf("```bash\n", section) + "```bash\n".length();
		return readme.substring(start, readme.indexOf("```", start)).replace("http://localhost:8080", base);
	}

}
