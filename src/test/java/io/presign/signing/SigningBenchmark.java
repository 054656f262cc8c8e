package io.presign.signing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import io.presign.policy.ContentTypePolicy;
import io.presign.policy.DownloadGrant;
import io.presign.policy.ExpiryPolicy;
import io.presign.policy.FormUploadGrant;
import io.presign.policy.KeyTemplate;
import io.presign.policy.Operation;
import io.presign.policy.Profile;
import io.presign.policy.ProfileCatalog;
import io.presign.policy.UploadGrant;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * The signing path, side by side: the bare SDK presigner, the lean SigV4 signer producing the same URL,
 * the service's signer on top of the SDK (credentials resolved per URL, expiry capped, credentials passed per
 * request), and the hand-written POST policy signer. Run with {@code ./mvnw -Pbenchmark test-compile exec:exec}.
 */
@State(Scope.Benchmark)
public class SigningBenchmark {

	private Profile profile;

	private PresignerRegistry registry;

	private UrlSigner signer;

	private UrlSigner leanSigner;

	private DownloadGrant download;

	private UploadGrant upload;

	private FormUploadGrant form;

	private AwsSessionCredentials session;

	private static final SortedMap<String, String> EMPTY = new TreeMap<>();

	private final SigV4QuerySigner lean = new SigV4QuerySigner();

	@Setup
	public void setUp() {
		this.profile = new Profile("bench", "bench-bucket", "eu-west-1", null, false, KeyTemplate.parse("users/{principal}/"),
				Set.of(Operation.DOWNLOAD, Operation.UPLOAD), ContentTypePolicy.of(List.of("image/*")), 10_000_000,
				new ExpiryPolicy(Duration.ofMinutes(5), Duration.ofHours(1)), "scope");
		this.session = AwsSessionCredentials.builder()
			.accessKeyId("ASIABENCHMARK")
			.secretAccessKey("secret")
			.sessionToken("token")
			.expirationTime(Instant.now().plus(Duration.ofHours(6)))
			.build();
		this.registry = new PresignerRegistry(new ProfileCatalog(List.of(this.profile)),
				StaticCredentialsProvider.create(this.session), Duration.ofSeconds(5));
		SigningCredentials credentials = new ProviderSigningCredentials(StaticCredentialsProvider.create(this.session));
		this.signer = new S3UrlSigner(this.registry, credentials,
				new CredentialExpiryCap(Clock.systemUTC(), Duration.ofSeconds(60)), null);
		this.leanSigner = new S3UrlSigner(this.registry, credentials,
				new CredentialExpiryCap(Clock.systemUTC(), Duration.ofSeconds(60)), new SigV4QuerySigner());
		this.download = new DownloadGrant(this.profile, "users/alice/photo.png", null, null,
				this.profile.expiry().resolve(300L));
		this.upload = new UploadGrant(this.profile, "users/alice/photo.png", "image/png", 48_213,
				this.profile.expiry().resolve(300L));
		this.form = new FormUploadGrant(this.profile, "users/alice/photo.png", null, "image/png", null, 1_000_000,
				this.profile.expiry().resolve(300L));
	}

	@TearDown
	public void tearDown() {
		this.registry.close();
	}

	@Benchmark
	public PresignedRequest sdkPresignerDownload() {
		return this.registry.presignerFor(this.profile)
			.presignGetObject((request) -> request.signatureDuration(Duration.ofMinutes(5))
				.getObjectRequest(GetObjectRequest.builder().bucket("bench-bucket").key("users/alice/photo.png").build()));
	}

	@Benchmark
	public String leanSignerDownload() {
		return this.lean.presign(new SigV4QuerySigner.Request("GET", "https", "bench-bucket.s3.eu-west-1.amazonaws.com",
				"/users/alice/photo.png", EMPTY, EMPTY, Instant.now(), 300, "eu-west-1", "ASIABENCHMARK", "secret",
				"token"));
	}

	@Benchmark
	public PresignedUrl serviceSignerDownload() {
		return this.signer.presignDownload(this.download);
	}

	@Benchmark
	public PresignedUrl serviceSignerDownloadLean() {
		return this.leanSigner.presignDownload(this.download);
	}

	@Benchmark
	public PresignedUrl serviceSignerUploadLean() {
		return this.leanSigner.presignUpload(this.upload);
	}

	@Benchmark
	public PresignedUrl serviceSignerUpload() {
		return this.signer.presignUpload(this.upload);
	}

	@Benchmark
	public PresignedForm serviceSignerForm() {
		return this.signer.presignFormUpload(this.form);
	}

}
