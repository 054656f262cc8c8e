package io.presign.signing;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.presign.policy.Checksum;
import io.presign.policy.ChecksumAlgorithm;
import io.presign.policy.ContentTypePolicy;
import io.presign.policy.DownloadGrant;
import io.presign.policy.Encryption;
import io.presign.policy.Expiry;
import io.presign.policy.ExpiryPolicy;
import io.presign.policy.KeyStrategy;
import io.presign.policy.KeyTemplate;
import io.presign.policy.MultipartCallGrant;
import io.presign.policy.MultipartSettings;
import io.presign.policy.ObjectStamp;
import io.presign.policy.Operation;
import io.presign.policy.Profile;
import io.presign.policy.ProfileCatalog;
import io.presign.policy.RateLimit;
import io.presign.policy.UploadGrant;
import io.presign.policy.UploadPartGrant;
import io.presign.support.MutableClock;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the signer puts in a URL. The embedded S3 server does not check the region of the
 * credential scope, so it is asserted here on the signed material itself.
 */
class S3UrlSignerTest {

	private static final AwsCredentialsProvider CREDENTIALS = StaticCredentialsProvider
		.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));

	private final Profile ireland = profile("eu", "eu-west-1", null);

	private final Profile tokyo = profile("jp", "ap-northeast-1", null);

	private final Profile tokyoLocal = profile("jp-local", "ap-northeast-1", URI.create("http://127.0.0.1:9000"));

	private final Profile irelandToo = profile("eu-2", "eu-west-1", null);

	@Test
	void onePresignerPerRegionAndEndpoint() {
		try (PresignerRegistry registry = new PresignerRegistry(
				new ProfileCatalog(List.of(this.ireland, this.tokyo, this.tokyoLocal, this.irelandToo)), CREDENTIALS,
				Duration.ofSeconds(5))) {
			assertThat(registry.size()).isEqualTo(3);
			assertThat(registry.presignerFor(this.ireland)).isSameAs(registry.presignerFor(this.irelandToo));
			assertThat(registry.presignerFor(this.tokyo)).isNotSameAs(registry.presignerFor(this.tokyoLocal));
		}
	}

	@Test
	void eachProfileIsSignedForItsOwnRegion() {
		try (PresignerRegistry registry = registry(this.ireland, this.tokyo)) {
			UrlSigner signer = signer(registry, new ProviderSigningCredentials(CREDENTIALS));
			String eu = signer.presignDownload(download(this.ireland, 300)).url().toString();
			String jp = signer.presignDownload(download(this.tokyo, 300)).url().toString();
			assertThat(eu).contains("%2Feu-west-1%2Fs3%2Faws4_request").contains("s3.eu-west-1.amazonaws.com");
			assertThat(jp).contains("%2Fap-northeast-1%2Fs3%2Faws4_request")
				.contains("s3.ap-northeast-1.amazonaws.com");
		}
	}

	@Test
	void uploadSignsContentTypeAndLengthAndReportsThem() {
		try (PresignerRegistry registry = registry(this.ireland)) {
			PresignedUrl url = signer(registry, new ProviderSigningCredentials(CREDENTIALS))
				.presignUpload(new UploadGrant(this.ireland, "users/a/b.png", "image/png", 1234,
						this.ireland.expiry().resolve(90L)));
			assertThat(url.method()).isEqualTo("PUT");
			assertThat(url.headers().keySet()).as("in the order of their names, in every run")
				.containsExactly("Content-Length", "Content-Type");
			assertThat(url.headers()).containsEntry("Content-Type", "image/png")
				.containsEntry("Content-Length", "1234");
			assertThat(URI.create(url.url()).getRawQuery())
				.contains("X-Amz-SignedHeaders=content-length%3Bcontent-type%3Bhost")
				.contains("X-Amz-Expires=90");
			assertThat(url.cappedBy()).isNull();
		}
	}

	@Test
	void expiresAtIsTheSignedDatePlusTheSignedExpiry() {
		try (PresignerRegistry registry = registry(this.ireland)) {
			PresignedUrl url = signer(registry, new ProviderSigningCredentials(CREDENTIALS))
				.presignDownload(download(this.ireland, 300));
			assertThat(url.expiresAt()).isEqualTo(signedAt(url).plusSeconds(300));
			assertThat(url.lifetime()).isEqualTo(Duration.ofSeconds(300));
		}
	}

	@Test
	void unresolvableCredentialsMakeSigningUnavailable() {
		SigningCredentials broken = new ProviderSigningCredentials(() -> {
			throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
		});
		try (PresignerRegistry registry = registry(this.ireland)) {
			assertThatThrownBy(() -> signer(registry, broken).presignDownload(download(this.ireland, 300)))
				.isInstanceOf(SigningUnavailableException.class)
				.hasMessageContaining("Unable to load credentials");
		}
	}

	@Test
	void sessionWithTenMinutesLeftCapsAnHourToNineMinutesAndSaysSo() {
		ScriptedCredentials session = new ScriptedCredentials(Instant.now().plus(Duration.ofMinutes(10)));
		try (PresignerRegistry registry = registry(this.ireland)) {
			PresignedUrl url = signer(registry, session).presignDownload(download(this.ireland, 3600));
			assertThat(expiresParameter(url)).isLessThanOrEqualTo(540).isGreaterThan(530);
			assertThat(url.cappedBy()).hasToString("CREDENTIALS");
			assertThat(url.lifetime().toSeconds()).isEqualTo(expiresParameter(url));
			assertThat(URI.create(url.url()).getRawQuery()).contains("X-Amz-Security-Token=token-1")
				.contains("X-Amz-Credential=ASIA1%2F");
			assertThat(session.refreshes).isZero();
		}
	}

	@Test
	void tooLittleLeftTriesARefreshAndSignsWithTheFreshSession() {
		ScriptedCredentials session = new ScriptedCredentials(Instant.now().plusSeconds(90),
				Instant.now().plus(Duration.ofHours(2)));
		try (PresignerRegistry registry = registry(this.ireland)) {
			PresignedUrl url = signer(registry, session).presignDownload(download(this.ireland, 3600));
			assertThat(session.refreshes).isEqualTo(1);
			assertThat(expiresParameter(url)).isEqualTo(3600);
			assertThat(url.cappedBy()).isNull();
			assertThat(URI.create(url.url()).getRawQuery()).contains("X-Amz-Security-Token=token-2");
		}
	}

	@Test
	void tooLittleLeftEvenAfterARefreshIsRefused() {
		Instant end = Instant.now().plusSeconds(90);
		ScriptedCredentials session = new ScriptedCredentials(end, end);
		try (PresignerRegistry registry = registry(this.ireland)) {
			assertThatThrownBy(() -> signer(registry, session).presignDownload(download(this.ireland, 3600)))
				.isInstanceOfSatisfying(CredentialsExpiringException.class,
						(ex) -> assertThat(ex.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(90)));
			assertThat(session.refreshes).isEqualTo(1);
		}
	}

	@Test
	void callerAskingLessThanTheMinimumStillGetsItsShortUrl() {
		ScriptedCredentials session = new ScriptedCredentials(Instant.now().plusSeconds(90));
		try (PresignerRegistry registry = registry(this.ireland)) {
			PresignedUrl url = signer(registry, session).presignDownload(download(this.ireland, 20));
			assertThat(expiresParameter(url)).isEqualTo(20);
			assertThat(session.refreshes).isZero();
		}
	}

	@Test
	void noUrlEverOutlivesItsCredentialsMinusTheMargin() {
		java.util.Random random = new java.util.Random(20261122);
		Profile week = new Profile("week", "bucket", "eu-west-1", null, false, KeyTemplate.parse(""),
				Set.of(Operation.DOWNLOAD), ContentTypePolicy.of(List.of()), 0,
				new ExpiryPolicy(Duration.ofSeconds(1), Duration.ofDays(7), Duration.ofSeconds(1), false), "scope");
		try (PresignerRegistry registry = registry(week)) {
			int issued = 0;
			for (int i = 0; i < 2000; i++) {
				long requested = 1 + random.nextInt((int) Duration.ofDays(7).toSeconds());
				Instant end = Instant.now().plusSeconds(random.nextInt((int) Duration.ofDays(8).toSeconds()) - 3600);
				ScriptedCredentials session = new ScriptedCredentials(end);
				try {
					PresignedUrl url = signer(registry, session).presignDownload(download(week, requested));
					issued++;
					assertThat(url.expiresAt()).as("requested %d s, credentials end %s", requested, end)
						.isBeforeOrEqualTo(end.minusSeconds(60));
					assertThat(url.expiresAt()).isEqualTo(signedAt(url).plusSeconds(expiresParameter(url)));
					assertThat(expiresParameter(url)).isLessThanOrEqualTo(requested).isPositive();
					assertThat(url.cappedBy() != null).isEqualTo(expiresParameter(url) < requested);
				}
				catch (CredentialsExpiringException refused) {
					assertThat(end).isBefore(Instant.now().plusSeconds(62));
				}
			}
			assertThat(issued).isGreaterThan(1500);
		}
	}

	/**
	 * The lifetime is capped and the URL dated by one reading of the clock. With two, a
	 * second boundary passing between them (here 00:00:10.900, then 00:00:11.100) let the
	 * URL end after the credentials' end minus the margin: at 00:09:20, past
	 * 00:09:19.950.
	 */
	@Test
	void capsAndDatesAUrlByOneReadingOfTheClock() {
		Profile week = new Profile("week", "bucket", "eu-west-1", null, false, KeyTemplate.parse(""),
				Set.of(Operation.DOWNLOAD), ContentTypePolicy.of(List.of()), 0,
				new ExpiryPolicy(Duration.ofSeconds(1), Duration.ofDays(7), Duration.ofSeconds(1), false), "scope");
		MutableClock stepping = MutableClock.stepping(Instant.parse("2026-01-01T00:00:10.900Z"),
				Duration.ofMillis(200));
		Instant end = Instant.parse("2026-01-01T00:10:19.950Z");
		try (PresignerRegistry registry = registry(week)) {
			PresignedUrl url = new S3UrlSigner(SigningConfiguration.engine(SigningProperties.Engine.LEAN, registry),
					new ScriptedCredentials(end), new CredentialExpiryCap(stepping, Duration.ofSeconds(60)))
				.presignDownload(download(week, 3600));
			assertThat(url.expiresAt()).isBeforeOrEqualTo(end.minusSeconds(60))
				.isEqualTo(Instant.parse("2026-01-01T00:09:19Z"));
			assertThat(url.cappedBy()).isNotNull();
		}
	}

	/**
	 * The two engines give the same URL and headers for every kind of URL, in the global
	 * and a regional endpoint, for dotted bucket names, and on custom endpoints in both
	 * addressing styles, with session credentials and every signed header.
	 */
	@Test
	void leanEngineIssuesTheSdkEnginesUrls() {
		Encryption kms = new Encryption("aws:kms", "arn:aws:kms:eu-west-1:123456789012:key/k 1");
		List<Profile> profiles = List.of(full("virginia", "bucket-v", "us-east-1", null, false, null),
				full("ireland", "bucket-i", "eu-west-1", null, false, kms),
				full("dotted", "my.dotted.bucket", "ap-southeast-2", null, false, null),
				full("local", "bucket-l", "us-east-1", URI.create("http://127.0.0.1:9000"), true, null),
				full("hosted", "bucket-h", "eu-central-1", URI.create("https://s3.example.test:8443"), false, kms));
		SigningCredentials session = new ProviderSigningCredentials(
				StaticCredentialsProvider.create(AwsSessionCredentials.create("ASIAEXAMPLE", "secret/+=", "token+/=")));
		try (PresignerRegistry registry = registry(profiles.toArray(Profile[]::new))) {
			UrlSigner lean = signer(registry, session);
			UrlSigner sdk = sdkSigner(registry, session);
			for (Profile p : profiles) {
				Expiry expiry = p.expiry().resolve(300L);
				String key = "users/a b/ü+%~*'()!$&=;:@,?#[].txt";
				assertSame(
						() -> lean.presignDownload(
								new DownloadGrant(p, key, "v 1", "attachment; filename=\"a b.txt\"", expiry)),
						() -> sdk.presignDownload(
								new DownloadGrant(p, key, "v 1", "attachment; filename=\"a b.txt\"", expiry)));
				UploadGrant upload = new UploadGrant(p, key, "text/plain; charset=utf-8", 48_213L, expiry,
						"1B2M2Y8AsgTpgAmY7PhCfg==", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
				assertSame(() -> lean.presignUpload(upload), () -> sdk.presignUpload(upload));
				ObjectStamp stamp = new ObjectStamp(true,
						new TreeMap<>(Map.of("uploaded-by", "alice smith", "tenant", "a+b/c")),
						new TreeMap<>(Map.of("retention", "30d", "owner", "a b=c&d")), "STANDARD_IA",
						new Checksum(ChecksumAlgorithm.CRC64NVME, "AAAAAAAAAAA="));
				UploadGrant stamped = new UploadGrant(p, key, "text/plain", 5L, expiry, null, null, stamp);
				assertSame(() -> lean.presignUpload(stamped), () -> sdk.presignUpload(stamped));
				DownloadGrant typed = new DownloadGrant(p, key, null, null, expiry, null, "text/plain; charset=utf-8");
				assertSame(() -> lean.presignDownload(typed), () -> sdk.presignDownload(typed));
				UploadPartGrant part = new UploadPartGrant(p, key, "up/id=+", 7, 5_242_880L, expiry);
				assertSame(() -> lean.presignUploadPart(part), () -> sdk.presignUploadPart(part));
				UploadPartGrant unsized = new UploadPartGrant(p, key, "up/id=+", 9, null, expiry);
				assertSame(() -> lean.presignUploadPart(unsized), () -> sdk.presignUploadPart(unsized));
				for (ChecksumAlgorithm crc : List.of(ChecksumAlgorithm.CRC32, ChecksumAlgorithm.CRC32C,
						ChecksumAlgorithm.CRC64NVME)) {
					UploadPartGrant checked = new UploadPartGrant(p, key, "up/id=+", 3, 5_242_880L, expiry,
							new Checksum(crc, (crc == ChecksumAlgorithm.CRC64NVME) ? "AAAAAAAAAAA=" : "AQIDBA=="));
					assertSame(() -> lean.presignUploadPart(checked), () -> sdk.presignUploadPart(checked));
				}
				MultipartCallGrant abort = new MultipartCallGrant(p, key, "up/id=+", MultipartCallGrant.Call.ABORT,
						expiry);
				assertSame(() -> lean.presignMultipartCall(abort), () -> sdk.presignMultipartCall(abort));
				MultipartCallGrant list = new MultipartCallGrant(p, key, "up/id=+", MultipartCallGrant.Call.LIST_PARTS,
						expiry);
				assertSame(() -> lean.presignMultipartCall(list), () -> sdk.presignMultipartCall(list));
				if (p.endpoint() == null) {
					assertThat(List.of(lean.presignDownload(new DownloadGrant(p, key, null, null, expiry)).url(),
							lean.presignUpload(upload).url(), lean.presignUploadPart(part).url()))
						.as("AWS URLs are always https")
						.allMatch((url) -> url.startsWith("https://"));
				}
			}
		}
	}

	/**
	 * A batch resolves the credentials once and signs every URL as the single-URL path
	 * would, in both engines, for downloads and for multipart parts.
	 */
	@Test
	void batchesResolveCredentialsOnceAndSignEachUrlAsAlone() {
		Profile p = full("ireland", "bucket-i", "eu-west-1", null, false, null);
		AtomicInteger resolutions = new AtomicInteger();
		SigningCredentials counted = new ProviderSigningCredentials(() -> {
			resolutions.incrementAndGet();
			return AwsSessionCredentials.create("ASIAEXAMPLE", "secret", "token");
		});
		Expiry expiry = p.expiry().resolve(300L);
		List<DownloadGrant> downloads = List.of(new DownloadGrant(p, "a/1.txt", null, null, expiry),
				new DownloadGrant(p, "a/2 ü.txt", "v1", "attachment", expiry),
				new DownloadGrant(p, "a/3.txt", null, null, expiry));
		List<UploadPartGrant> parts = List.of(new UploadPartGrant(p, "a/big", "up", 1, 5_242_880L, expiry),
				new UploadPartGrant(p, "a/big", "up", 2, 1_000L, expiry));
		try (PresignerRegistry registry = registry(p)) {
			for (UrlSigner signer : List.of(signer(registry, counted), sdkSigner(registry, counted))) {
				for (int attempt = 0;; attempt++) {
					resolutions.set(0);
					List<PresignedUrl> batch = signer.presignDownloads(downloads);
					assertThat(resolutions).hasValue(1);
					List<PresignedUrl> alone = downloads.stream().map(signer::presignDownload).toList();
					if (batch.stream().map(S3UrlSignerTest::signedAt).distinct().count() == 1
							&& alone.stream().map(S3UrlSignerTest::signedAt).allMatch(signedAt(batch.get(0))::equals)) {
						assertThat(batch).extracting(PresignedUrl::url)
							.containsExactlyElementsOf(alone.stream().map(PresignedUrl::url).toList());
						break;
					}
					assertThat(attempt).as("signed within one second").isLessThan(5);
				}
				resolutions.set(0);
				List<PresignedUrl> partUrls = signer.presignUploadParts(parts);
				assertThat(resolutions).hasValue(1);
				assertThat(partUrls).extracting(PresignedUrl::headers)
					.containsExactly(Map.of("Content-Length", "5242880"), Map.of("Content-Length", "1000"));
				assertThat(partUrls).extracting((url) -> URI.create(url.url()).getRawQuery())
					.allMatch((query) -> query.contains("uploadId=up"))
					.anyMatch((query) -> query.startsWith("partNumber=1&"))
					.anyMatch((query) -> query.startsWith("partNumber=2&"));
			}
		}
	}

	/**
	 * Signed within the same second, the two URLs must be the same; across a second
	 * boundary, retried.
	 */
	private static void assertSame(Supplier<PresignedUrl> lean, Supplier<PresignedUrl> sdk) {
		for (int attempt = 0; attempt < 5; attempt++) {
			PresignedUrl expected = sdk.get();
			PresignedUrl actual = lean.get();
			if (signedAt(expected).equals(signedAt(actual))) {
				assertThat(actual.url()).isEqualTo(expected.url());
				assertThat(actual.headers()).isEqualTo(expected.headers());
				assertThat(actual.method()).isEqualTo(expected.method());
				assertThat(actual.expiresAt()).isEqualTo(expected.expiresAt());
				return;
			}
		}
		throw new AssertionError("never signed within the same second");
	}

	private static Profile full(String name, String bucket, String region, URI endpoint, boolean pathStyle,
			Encryption encryption) {
		return new Profile(name, bucket, region, endpoint, pathStyle, KeyTemplate.parse(""), KeyStrategy.CLIENT,
				Set.of(Operation.DOWNLOAD, Operation.UPLOAD), Map.of(), ContentTypePolicy.of(List.of("text/*")),
				100_000, new ExpiryPolicy(Duration.ofMinutes(5), Duration.ofHours(1)), "scope", RateLimit.UNLIMITED,
				MultipartSettings.DISABLED, encryption, true);
	}

	private static UrlSigner signer(PresignerRegistry registry, SigningCredentials credentials) {
		return new S3UrlSigner(SigningConfiguration.engine(SigningProperties.Engine.LEAN, registry), credentials,
				new CredentialExpiryCap(Clock.systemUTC(), Duration.ofSeconds(60)));
	}

	private static UrlSigner sdkSigner(PresignerRegistry registry, SigningCredentials credentials) {
		return new S3UrlSigner(SigningConfiguration.engine(SigningProperties.Engine.SDK, registry), credentials,
				new CredentialExpiryCap(Clock.systemUTC(), Duration.ofSeconds(60)));
	}

	private static PresignerRegistry registry(Profile... profiles) {
		return new PresignerRegistry(new ProfileCatalog(List.of(profiles)), CREDENTIALS, Duration.ofSeconds(5));
	}

	private static long expiresParameter(PresignedUrl url) {
		return Long.parseLong(URI.create(url.url()).getRawQuery().replaceAll(".*X-Amz-Expires=(\\d+).*", "$1"));
	}

	private static Instant signedAt(PresignedUrl url) {
		String amzDate = URI.create(url.url()).getRawQuery().replaceAll(".*X-Amz-Date=(\\d{8}T\\d{6}Z).*", "$1");
		return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
			.withZone(ZoneOffset.UTC)
			.parse(amzDate, Instant::from);
	}

	private static DownloadGrant download(Profile profile, long seconds) {
		return new DownloadGrant(profile, "users/a/b.txt", null, null, profile.expiry().resolve(seconds));
	}

	private static Profile profile(String name, String region, URI endpoint) {
		return new Profile(name, "bucket-" + name, region, endpoint, endpoint != null, KeyTemplate.parse(""),
				Set.of(Operation.DOWNLOAD, Operation.UPLOAD), ContentTypePolicy.of(List.of("image/*")), 10_000,
				new ExpiryPolicy(Duration.ofMinutes(5), Duration.ofHours(1)), "scope");
	}

	/**
	 * Session credentials whose successive refreshes end at the given instants.
	 */
	private static final class ScriptedCredentials implements SigningCredentials {

		private final Instant[] ends;

		private int refreshes;

		ScriptedCredentials(Instant... ends) {
			this.ends = ends;
		}

		@Override
		public SigningIdentity current() {
			int session = Math.min(this.refreshes, this.ends.length - 1);
			return new SigningIdentity(software.amazon.awssdk.auth.credentials.AwsSessionCredentials.builder()
				.accessKeyId("ASIA" + (session + 1))
				.secretAccessKey("secret")
				.sessionToken("token-" + (session + 1))
				.expirationTime(this.ends[session])
				.build());
		}

		@Override
		public SigningIdentity refresh() {
			this.refreshes++;
			return current();
		}

	}

}
