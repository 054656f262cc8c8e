package io.presign.support;

import java.time.Clock;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that run the whole service on a random port against the embedded S3
 * server and the test JWT issuer. Subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
@Import(IntegrationTest.Time.class)
public abstract class IntegrationTest {

	/**
	 * The service's clock: the system's until a test moves it, which every test of a
	 * shared context sees. Only moved forward for long, and by seconds, which the
	 * embedded S3 server (on the system clock) tolerates.
	 */
	protected static final MutableClock CLOCK = MutableClock.systemUtc();

	/** The bucket of the {@code it} profiles. */
	protected static final String BUCKET = "it-bucket";

	/** Holds scopes {@code files} and {@code reports}; principal {@code alice}. */
	protected static final String ALICE_KEY = "alice-key";

	/** Holds scope {@code files}; principal {@code bob}. */
	protected static final String BOB_KEY = "bob-key";

	/** Holds no scope of any profile; principal {@code carol}. */
	protected static final String CAROL_KEY = "carol-key";

	@LocalServerPort
	private int port;

	@LocalManagementPort
	private int managementPort;

	/** A client of the running service's API port. */
	protected ApiClient api;

	/** A client of the running service's management port (Prometheus, probes). */
	protected ApiClient management;

	@DynamicPropertySource
	static void embeddedServers(DynamicPropertyRegistry registry) {
		EmbeddedS3Server s3 = EmbeddedS3Server.shared().createBucket(BUCKET);
		registry.add("embedded.s3.endpoint", () -> s3.endpoint().toString());
		TestJwtIssuer.shared().properties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@BeforeEach
	void createClient() {
		this.api = new ApiClient(this.port);
		this.management = new ApiClient(this.managementPort);
	}

	/**
	 * Gives the service {@link #CLOCK}.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Time {

		@Bean
		@Primary
		Clock movableClock() {
			return CLOCK;
		}

		/**
		 * @return the clock this configuration gives a service, for a test that runs one
		 * without extending {@link IntegrationTest}
		 */
		public static MutableClock clock() {
			return CLOCK;
		}

	}

}
