package io.presign.signing;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.IntStream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler.IgnoredMeters;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.presign.issuing.BatchResult;
import io.presign.issuing.IssuanceObserver;
import io.presign.issuing.IssuanceQuota;
import io.presign.issuing.IssuedForm;
import io.presign.issuing.IssuedUrl;
import io.presign.issuing.ObservedSigning;
import io.presign.issuing.UrlIssuer;
import io.presign.issuing.multipart.MultipartUploads;
import io.presign.issuing.multipart.UploadTicketProperties;
import io.presign.observability.AuditLog;
import io.presign.observability.EcsLogFormatter;
import io.presign.observability.PresignMetrics;
import io.presign.policy.BatchDownloadIntent;
import io.presign.policy.Caller;
import io.presign.policy.ContentTypePolicy;
import io.presign.policy.DownloadIntent;
import io.presign.policy.ExpiryPolicy;
import io.presign.policy.FormUploadIntent;
import io.presign.policy.KeyStrategy;
import io.presign.policy.KeyTemplate;
import io.presign.policy.MultipartPolicy;
import io.presign.policy.MultipartSettings;
import io.presign.policy.Operation;
import io.presign.policy.PresignPolicy;
import io.presign.policy.Profile;
import io.presign.policy.ProfileCatalog;
import io.presign.policy.RateLimit;
import io.presign.policy.UploadIntent;
import io.presign.policy.UploadPartsIntent;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * What one URL costs, from the cryptographic floor up to the service's whole per-URL path
 * (policy, key template, expiry capping, signing), and then with what observes each
 * request: metrics and the audit event, encoded as ECS JSON as in production (into a
 * discarding stream, so the disk is not measured). Run with
 * {@code ./mvnw -Pbenchmark test-compile exec:exec}, which prints the table
 * {@link BenchmarkReport} makes of it.
 */
@State(Scope.Benchmark)
public class SigningBenchmark {

	static final String FLOOR = "floor";

	/**
	 * Benchmarks whose URL signs more than a download's, with the floor of their own
	 * canonical request: an upload signs its Content-Type and Content-Length too, so its
	 * SHA-256 has more to hash.
	 */
	static final Map<String, String> OWN_FLOOR = Map.of("issueUpload", "floorUpload");

	/** Benchmarks that issue this many URLs per operation. */
	static final Map<String, Integer> URLS_PER_OPERATION = Map.of("issueBatchOf100", 100, "observedBatchOf100", 100);

	private static final SortedMap<String, String> EMPTY = new TreeMap<>();

	private static final String STS_LENGTH_TOKEN = stsLengthToken();

	private static final Map<String, String> AUDIT_CONTEXT = Map.of(AuditLog.REQUEST_ID,
			"509012a0-ef3d-4a6f-b5b6-f32fa86bf3b8", AuditLog.CLIENT_IP, "127.0.0.1");

	private static final List<KeyValuePair> AUDIT_FIELDS = List.of(new KeyValuePair("event.action", "url-issued"),
			new KeyValuePair("event.outcome", "success"), new KeyValuePair("principal", "alice"),
			new KeyValuePair("authMethod", "api_key"), new KeyValuePair("profile", "bench"),
			new KeyValuePair("bucket", "bench-bucket"), new KeyValuePair("key", "users/alice/photos/cat.png"),
			new KeyValuePair("operation", "download"), new KeyValuePair("expiresAt", "2026-12-02T16:04:08Z"),
			new KeyValuePair("expiresInSeconds", 300L));

	private final SigV4QuerySigner lean = new SigV4QuerySigner();

	private PresignerRegistry registry;

	private Profile profile;

	private UrlIssuer issuer;

	private UrlIssuer observedIssuer;

	private UrlIssuer sdkIssuer;

	private MultipartUploads multipart;

	/** The benchmarked profile asks S3 nothing: a call would be a mistake of the benchmark's. */
	private static final StoredObjects NO_S3_OBJECTS = new StoredObjects() {

		@Override
		public Optional<StoredObject> head(Profile profile, String key, @Nullable String versionId) {
			throw new UnsupportedOperationException("no S3 in the benchmark");
		}

		@Override
		public List<Optional<StoredObject>> headAll(Profile profile, List<String> keys) {
			throw new UnsupportedOperationException("no S3 in the benchmark");
		}

	};

	private static final MultipartStore NO_S3_MULTIPART = (MultipartStore) java.lang.reflect.Proxy.newProxyInstance(
			MultipartStore.class.getClassLoader(), new Class<?>[] { MultipartStore.class }, (proxy, method, args) -> {
				throw new UnsupportedOperationException("no S3 in the benchmark");
			});

	private final Caller caller = new Caller("alice", Set.of("bench"), Caller.AuthMethod.API_KEY);

	private final DownloadIntent download = new DownloadIntent("bench", "photos/cat.png", null, null, null, null);

	private final UploadIntent upload = new UploadIntent("bench", "photos/cat.png", "image/png", 48_213L, null);

	private final FormUploadIntent form = new FormUploadIntent("bench", "photos/cat.png", null, "image/png", null,
			null);

	private final UploadPartsIntent part = new UploadPartsIntent("bench", "users/alice/photos/big.bin",
			"upload-id-2f1c", 8L * 1024 * 1024, List.of(1), null);

	private final BatchDownloadIntent batch = new BatchDownloadIntent("bench",
			IntStream.rangeClosed(1, 100).mapToObj((i) -> "photos/k" + i + ".png").toList(), List.of(), null, null);

	private StructuredLogEncoder ecs;

	private StructuredLogEncoder bootEcs;

	private StructuredLogEncoder ecsThroughJsonWriter;

	private ch.qos.logback.classic.Logger auditLogger;

	// One observation as Spring Boot's meter handler records it: with and without a long
	// task timer.
	private final ObservationRegistry timedObservations = ObservationRegistry.create();

	private final ObservationRegistry timedAndTrackedObservations = ObservationRegistry.create();

	// The floor: one SHA-256 of a canonical request and one HMAC-SHA256 of the string to
	// sign.
	private MessageDigest sha256;

	private Mac hmac;

	private byte[] canonicalRequest;

	private byte[] uploadCanonicalRequest;

	private String stringToSignPrefix;

	/** 800 random bytes in base64, with the '+', '/' and '=' a real token has. */
	private static String stsLengthToken() {
		byte[] bytes = new byte[800];
		new SplittableRandom(7).nextBytes(bytes);
		return Base64.getEncoder().encodeToString(bytes);
	}

	@Setup
	public void setUp() throws Exception {
		auditAsEcsJson();
		this.profile = new Profile("bench", "bench-bucket", "eu-west-1", null, false,
				KeyTemplate.parse("users/{principal}/"), KeyStrategy.CLIENT,
				Set.of(Operation.DOWNLOAD, Operation.UPLOAD), Map.of(),
				ContentTypePolicy.of(List.of("image/*", "application/octet-stream")), 10_000_000_000L,
				new ExpiryPolicy(Duration.ofMinutes(5), Duration.ofHours(1)), "bench", RateLimit.UNLIMITED,
				new MultipartSettings(true, MultipartSettings.S3_MIN_PART, MultipartSettings.S3_MAX_PART), null, true);
		AwsSessionCredentials session = AwsSessionCredentials.builder()
			.accessKeyId("ASIABENCHMARK")
			.secretAccessKey("secret")
			.sessionToken("token")
			.expirationTime(Instant.now().plus(Duration.ofHours(6)))
			.build();
		ProfileCatalog catalog = new ProfileCatalog(List.of(this.profile));
		this.registry = new PresignerRegistry(catalog, StaticCredentialsProvider.create(session),
				Duration.ofSeconds(5));
		SigningCredentials credentials = new ProviderSigningCredentials(StaticCredentialsProvider.create(session));
		CredentialExpiryCap cap = new CredentialExpiryCap(Clock.systemUTC(), Duration.ofSeconds(60));
		PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		List<IssuanceObserver> observers = List.of(new PresignMetrics(meters, credentials, Clock.systemUTC()),
				new AuditLog());
		S3UrlSigner leanEngine = new S3UrlSigner(SigningConfiguration.engine(SigningProperties.Engine.LEAN, this.registry),
				credentials, cap);
		S3UrlSigner sdkEngine = new S3UrlSigner(SigningConfiguration.engine(SigningProperties.Engine.SDK, this.registry),
				credentials, cap);
		IssuanceQuota unlimited = (caller, profile, urls) -> {
		};
		CloudFrontSigner noCloudFront = new CloudFrontSigner(Map.of(), Clock.systemUTC());
		PresignPolicy policy = new PresignPolicy(catalog);
		ObservedSigning unobserved = new ObservedSigning(List.of(), ObservationRegistry.NOOP);
		this.issuer = new UrlIssuer(policy, leanEngine, unlimited, NO_S3_OBJECTS, noCloudFront, unobserved);
		this.observedIssuer = new UrlIssuer(policy, leanEngine, unlimited, NO_S3_OBJECTS, noCloudFront,
				new ObservedSigning(observers, ObservationRegistry.NOOP));
		this.sdkIssuer = new UrlIssuer(policy, sdkEngine, unlimited, NO_S3_OBJECTS, noCloudFront, unobserved);
		this.multipart = new MultipartUploads(new MultipartPolicy(policy, catalog, 100), NO_S3_MULTIPART, leanEngine,
				unlimited, unobserved, new UploadTicketProperties(null, null), Clock.systemUTC());

		this.timedObservations.observationConfig()
			.observationHandler(new DefaultMeterObservationHandler(meters, IgnoredMeters.LONG_TASK_TIMER));
		this.timedAndTrackedObservations.observationConfig()
			.observationHandler(new DefaultMeterObservationHandler(meters));

		this.sha256 = MessageDigest.getInstance("SHA-256");
		this.hmac = Mac.getInstance("HmacSHA256");
		this.hmac.init(new SecretKeySpec(SigningKeys.derive("secret", "20260101", "eu-west-1"), "HmacSHA256"));
		this.canonicalRequest = ("GET\n/users/alice/photos/cat.png\nX-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
				+ "ASIABENCHMARK%2F20260101%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=20260101T120000Z&X-Amz-Expires=300"
				+ "&X-Amz-Security-Token=token&X-Amz-SignedHeaders=host\nhost:bench-bucket.s3.eu-west-1.amazonaws.com\n\n"
				+ "host\nUNSIGNED-PAYLOAD")
			.getBytes(StandardCharsets.UTF_8);
		this.uploadCanonicalRequest = ("PUT\n/users/alice/photos/cat.png\nX-Amz-Algorithm=AWS4-HMAC-SHA256"
				+ "&X-Amz-Credential=ASIABENCHMARK%2F20260101%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=20260101T120000Z"
				+ "&X-Amz-Expires=300&X-Amz-Security-Token=token&X-Amz-SignedHeaders=content-length%3Bcontent-type%3Bhost\n"
				+ "content-length:48213\ncontent-type:image/png\nhost:bench-bucket.s3.eu-west-1.amazonaws.com\n\n"
				+ "content-length;content-type;host\nUNSIGNED-PAYLOAD")
			.getBytes(StandardCharsets.UTF_8);
		this.stringToSignPrefix = "AWS4-HMAC-SHA256\n20260101T120000Z\n20260101/eu-west-1/s3/aws4_request\n";
	}

	/**
	 * The audit logger as production has it: the service's ECS formatter; everything else
	 * off.
	 */
	private void auditAsEcsJson() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		context.reset();
		context.putObject(Environment.class.getName(), new StandardEnvironment());
		context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.OFF);
		StructuredLogEncoder encoder = encoder(context, EcsLogFormatter.class.getName());
		this.bootEcs = encoder(context, "ecs");
		OutputStreamAppender<ILoggingEvent> discard = new OutputStreamAppender<>();
		discard.setContext(context);
		discard.setEncoder(encoder);
		discard.setOutputStream(OutputStream.nullOutputStream());
		discard.start();
		ch.qos.logback.classic.Logger audit = context.getLogger(AuditLog.LOGGER);
		audit.setLevel(Level.INFO);
		audit.setAdditive(false);
		audit.addAppender(discard);
		this.ecs = encoder;
		this.auditLogger = audit;
		// A setting that changes no byte but is a customization, so the formatter writes
		// through Boot's writer.
		LoggerContext customized = new LoggerContext();
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("bench", Map.of("logging.structured.json.exclude", "no.such.member")));
		customized.putObject(Environment.class.getName(), environment);
		this.ecsThroughJsonWriter = encoder(customized, EcsLogFormatter.class.getName());
		LoggingEvent event = auditEvent();
		byte[] line = this.ecs.encode(event);
		if (!Arrays.equals(line, this.ecsThroughJsonWriter.encode(event))
				|| !Arrays.equals(line, this.bootEcs.encode(event))) {
			throw new IllegalStateException("The three ways of writing the audit line differ");
		}
	}

	private static StructuredLogEncoder encoder(LoggerContext context, String format) {
		StructuredLogEncoder encoder = new StructuredLogEncoder();
		encoder.setContext(context);
		encoder.setFormat(format);
		encoder.start();
		return encoder;
	}

	@TearDown
	public void tearDown() {
		this.registry.close();
	}

	@Benchmark
	public byte[] floor() {
		return floorOf(this.canonicalRequest);
	}

	/**
	 * The floor of the upload {@link #issueUpload} signs: its canonical request is longer
	 * than a download's.
	 */
	@Benchmark
	public byte[] floorUpload() {
		return floorOf(this.uploadCanonicalRequest);
	}

	private byte[] floorOf(byte[] canonical) {
		String hash = HexFormat.of().formatHex(this.sha256.digest(canonical));
		return this.hmac.doFinal((this.stringToSignPrefix + hash).getBytes(StandardCharsets.UTF_8));
	}

	@Benchmark
	public PresignedRequest sdkPresigner() {
		return this.registry.presignerFor(this.profile)
			.presignGetObject((request) -> request.signatureDuration(Duration.ofMinutes(5))
				.getObjectRequest(
						GetObjectRequest.builder().bucket("bench-bucket").key("users/alice/photos/cat.png").build()));
	}

	@Benchmark
	public String leanSigner() {
		return this.lean.presign(new SigV4QuerySigner.Request("GET", "https", "bench-bucket.s3.eu-west-1.amazonaws.com",
				"/users/alice/photos/cat.png", EMPTY, EMPTY, Instant.now(), 300, "eu-west-1", "ASIABENCHMARK", "secret",
				"token"));
	}

	/**
	 * The same URL signed with a session token as long as STS gives (1,068 characters of
	 * base64 here), which every URL signed with temporary credentials carries,
	 * percent-encoded, in its query.
	 */
	@Benchmark
	public String leanSignerStsLengthToken() {
		return this.lean.presign(new SigV4QuerySigner.Request("GET", "https", "bench-bucket.s3.eu-west-1.amazonaws.com",
				"/users/alice/photos/cat.png", EMPTY, EMPTY, Instant.now(), 300, "eu-west-1", "ASIABENCHMARK", "secret",
				STS_LENGTH_TOKEN));
	}

	@Benchmark
	public IssuedUrl issueDownload() {
		return this.issuer.issueDownload(this.caller, this.download);
	}

	@Benchmark
	public IssuedUrl issueDownloadSdkEngine() {
		return this.sdkIssuer.issueDownload(this.caller, this.download);
	}

	@Benchmark
	public IssuedUrl issueUpload() {
		return this.issuer.issueUpload(this.caller, this.upload);
	}

	@Benchmark
	public IssuedForm issueFormPost() {
		return this.issuer.issueFormUpload(this.caller, this.form);
	}

	@Benchmark
	public List<IssuedUrl> issueMultipartPart() {
		return this.multipart.issueParts(this.caller, this.part);
	}

	@Benchmark
	public List<BatchResult> issueBatchOf100() {
		return this.issuer.issueBatchDownload(this.caller, this.batch);
	}

	@Benchmark
	public IssuedUrl observedDownload() {
		return this.observedIssuer.issueDownload(this.caller, this.download);
	}

	/**
	 * One download's audit event, made and encoded as the console writes it: most of what
	 * the observed rows add.
	 */
	@Benchmark
	public byte[] auditLine() {
		return this.ecs.encode(auditEvent());
	}

	/**
	 * The same line by the same formatter where a {@code logging.structured.json.*}
	 * customization is set, so that it writes through Boot's {@code JsonWriter}.
	 */
	@Benchmark
	public byte[] auditLineThroughJsonWriter() {
		return this.ecsThroughJsonWriter.encode(auditEvent());
	}

	/**
	 * The same line by Spring Boot's own {@code ecs} format, which writes the same bytes.
	 */
	@Benchmark
	public byte[] auditLineBootEcs() {
		return this.bootEcs.encode(auditEvent());
	}

	private LoggingEvent auditEvent() {
		LoggingEvent event = new LoggingEvent(getClass().getName(), this.auditLogger, Level.INFO,
				"Issued a {} URL for {}/{}", null,
				new Object[] { "download", "bench-bucket", "users/alice/photos/cat.png" });
		event.setMDCPropertyMap(AUDIT_CONTEXT);
		AUDIT_FIELDS.forEach(event::addKeyValuePair);
		return event;
	}

	/**
	 * What one observation such as {@code presign.sign} costs in metrics, as the service
	 * records it (a timer).
	 */
	@Benchmark
	public Object observation() {
		return observe(this.timedObservations);
	}

	/**
	 * The same observation with the long task timer Spring Boot adds unless told not to.
	 */
	@Benchmark
	public Object observationWithLongTaskTimer() {
		return observe(this.timedAndTrackedObservations);
	}

	private Object observe(ObservationRegistry registry) {
		return Observation.createNotStarted("presign.sign", registry)
			.lowCardinalityKeyValue("operation", "download")
			.observe(() -> this.caller);
	}

	@Benchmark
	public List<BatchResult> observedBatchOf100() {
		return this.observedIssuer.issueBatchDownload(this.caller, this.batch);
	}

}
