package io.presign.signing;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

import io.presign.policy.ContentTypePolicy;
import io.presign.policy.DownloadGrant;
import io.presign.policy.ExpiryPolicy;
import io.presign.policy.KeyTemplate;
import io.presign.policy.Operation;
import io.presign.policy.Profile;
import io.presign.policy.ProfileCatalog;
import io.presign.policy.UploadGrant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the signer puts in a URL. The embedded S3 server does not check the region of the credential
 * scope, so it is asserted here on the signed material itself.
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
				new ProfileCatalog(List.of(this.ireland, this.tokyo, this.tokyoLocal, this.irelandToo)), CREDENTIALS)) {
			assertThat(registry.size()).isEqualTo(3);
			assertThat(registry.presignerFor(this.ireland)).isSameAs(registry.presignerFor(this.irelandToo));
		}
	}

	@Test
	void eachProfileIsSignedForItsOwnRegion() {
		try (PresignerRegistry registry = new PresignerRegistry(new ProfileCatalog(List.of(this.ireland, this.tokyo)),
				CREDENTIALS)) {
			S3UrlSigner signer = new S3UrlSigner(registry);
			String eu = signer.presignDownload(download(this.ireland)).url().toString();
			String jp = signer.presignDownload(download(this.tokyo)).url().toString();
			assertThat(eu).contains("%2Feu-west-1%2Fs3%2Faws4_request").contains("s3.eu-west-1.amazonaws.com");
			assertThat(jp).contains("%2Fap-northeast-1%2Fs3%2Faws4_request").contains("s3.ap-northeast-1.amazonaws.com");
		}
	}

	@Test
	void uploadSignsContentTypeAndLengthAndReportsThem() {
		try (PresignerRegistry registry = new PresignerRegistry(new ProfileCatalog(List.of(this.ireland)), CREDENTIALS)) {
			PresignedUrl url = new S3UrlSigner(registry).presignUpload(
					new UploadGrant(this.ireland, "users/a/b.png", "image/png", 1234, Duration.ofSeconds(90)));
			assertThat(url.method()).isEqualTo("PUT");
			assertThat(url.headers()).containsOnlyKeys("Content-Type", "Content-Length")
				.containsEntry("Content-Type", "image/png")
				.containsEntry("Content-Length", "1234");
			assertThat(url.url().getRawQuery()).contains("X-Amz-SignedHeaders=content-length%3Bcontent-type%3Bhost")
				.contains("X-Amz-Expires=90");
		}
	}

	@Test
	void expiresAtIsTheSignedDatePlusTheSignedExpiry() {
		try (PresignerRegistry registry = new PresignerRegistry(new ProfileCatalog(List.of(this.ireland)), CREDENTIALS)) {
			PresignedUrl url = new S3UrlSigner(registry).presignDownload(download(this.ireland));
			String query = url.url().getRawQuery();
			String amzDate = query.replaceAll(".*X-Amz-Date=(\\d{8}T\\d{6}Z).*", "$1");
			Instant signedAt = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
				.withZone(ZoneOffset.UTC)
				.parse(amzDate, Instant::from);
			assertThat(url.expiresAt()).isEqualTo(signedAt.plusSeconds(300));
		}
	}

	@Test
	void unresolvableCredentialsMakeSigningUnavailable() {
		AwsCredentialsProvider broken = () -> {
			throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
		};
		try (PresignerRegistry registry = new PresignerRegistry(new ProfileCatalog(List.of(this.ireland)), broken)) {
			assertThatThrownBy(() -> new S3UrlSigner(registry).presignDownload(download(this.ireland)))
				.isInstanceOf(SigningUnavailableException.class)
				.hasMessageContaining("Unable to load credentials");
		}
	}

	private static DownloadGrant download(Profile profile) {
		return new DownloadGrant(profile, "users/a/b.txt", null, null, Duration.ofMinutes(5));
	}

	private static Profile profile(String name, String region, URI endpoint) {
		return new Profile(name, "bucket-" + name, region, endpoint, endpoint != null, KeyTemplate.parse(""),
				Set.of(Operation.DOWNLOAD, Operation.UPLOAD), ContentTypePolicy.of(List.of("image/*")), 10_000,
				new ExpiryPolicy(Duration.ofMinutes(5), Duration.ofHours(1)), "scope");
	}

}
