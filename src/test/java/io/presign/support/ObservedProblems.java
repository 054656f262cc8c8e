package io.presign.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.presign.api.problem.ProblemDetailsAdvice;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records every problem answer the service gives in any test context (the hostile corpus,
 * the fuzz run, the round trips and every other test that runs the service): method,
 * path, status and code, one line each in {@code target/observed-problems.tsv}, which
 * {@code DeclaredProblemsIT} checks against the API description. Registered for every
 * Spring test context through {@code META-INF/spring.factories}.
 */
public final class ObservedProblems implements ContextCustomizerFactory {

	/** Where the answers are recorded; written anew by each test run. */
	public static final Path FILE = Path.of("target", "observed-problems.tsv");

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		return new Customizer();
	}

	/**
	 * @return what was recorded so far, one line per distinct answer
	 */
	public static List<String> lines() throws IOException {
		return Files.exists(FILE) ? Files.readAllLines(FILE, StandardCharsets.UTF_8) : List.of();
	}

	/**
	 * Adds the recording filter to a test's context. Equal to every other, so that
	 * contexts stay cached.
	 */
	private static final class Customizer implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			FilterRegistrationBean<Recorder> registration = new FilterRegistrationBean<>(new Recorder());
			// First in, last out: it sees the answer every other filter made.
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			context.getBeanFactory().registerSingleton("observedProblemsRecorder", registration);
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Customizer;
		}

		@Override
		public int hashCode() {
			return Customizer.class.hashCode();
		}

	}

	private static final class Recorder extends OncePerRequestFilter {

		private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

		// Loaded with the first test context of a run, which starts the file anew;
		// DeclaredProblemsIT only reads it.
		static {
			try {
				Files.createDirectories(FILE.getParent());
				Files.deleteIfExists(FILE);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			try {
				chain.doFilter(request, response);
			}
			finally {
				Object code = request.getAttribute(ProblemDetailsAdvice.CODE_ATTRIBUTE);
				if (code != null) {
					record(request.getMethod(), request.getRequestURI(), response.getStatus(), code.toString());
				}
			}
		}

		private static void record(String method, String path, int status, String code) {
			String line = method + "\t" + path + "\t" + status + "\t" + code;
			if (SEEN.add(line)) {
				try {
					Files.writeString(FILE, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
							StandardOpenOption.APPEND);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		}

	}

}
