package io.presign.diagnostics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.presign.policy.DownloadGrant;
import io.presign.policy.Expiry;
import io.presign.policy.Profile;
import io.presign.policy.UploadGrant;
import io.presign.signing.BucketRegion;
import io.presign.signing.BucketRegionCheck;
import io.presign.signing.PresignedUrl;
import io.presign.signing.PresignerRegistry;
import io.presign.signing.RoleRevocations;
import io.presign.signing.SigningCredentials;
import io.presign.signing.SigningIdentity;
import io.presign.signing.UrlSigner;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Runs, for one profile, the checklist people work through by hand when a presigned URL
 * fails: who signs, whether the bucket's region matches, whether the clocks agree, and a
 * live canary that issues a PUT URL, uses it, issues a GET URL, reads the object back and
 * deletes it, naming S3's error code and its usual cause at the first step that fails.
 */
public final class UrlDiagnostics {

	private static final Duration CANARY_EXPIRY = Duration.ofMinutes(2);

	private static final Duration SKEW_WARNING = Duration.ofSeconds(30);

	private static final Duration SKEW_LIMIT = Duration.ofMinutes(15);

	private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]+)</Code>");

	private final UrlSigner signer;

	private final SigningCredentials credentials;

	private final BucketRegionCheck regions;

	private final PresignerRegistry clients;

	private final DiagnosticsProperties properties;

	private final Clock clock;

	private final Duration callTimeout;

	private final HttpClient http;

	private final @Nullable RoleRevocations revocations;

	/**
	 * @param signer signs the canary URLs through the same path as every other URL
	 * @param credentials the signing credentials
	 * @param regions the start-up region check
	 * @param clients S3 clients per profile, for deleting the canary
	 * @param properties diagnostics settings
	 * @param callTimeout the longest each call to STS or S3 may take
	 * @param revocations the signing role's revocations, when the service signs with one
	 */
	public UrlDiagnostics(UrlSigner signer, SigningCredentials credentials, BucketRegionCheck regions,
			PresignerRegistry clients, DiagnosticsProperties properties, Clock clock, Duration callTimeout,
			@Nullable RoleRevocations revocations) {
		this.revocations = revocations;
		this.signer = signer;
		this.credentials = credentials;
		this.regions = regions;
		this.clients = clients;
		this.properties = properties;
		this.clock = clock;
		this.callTimeout = callTimeout;
		this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(callTimeout).build();
	}

	/**
	 * Run every check for a profile.
	 * @return the steps, in order
	 */
	public List<DiagnosticStep> run(Profile profile) {
		List<DiagnosticStep> steps = new ArrayList<>();
		steps.add(identity(profile));
		steps.add(transport(profile));
		steps.add(region(profile));
		steps.addAll(canary(profile));
		return steps;
	}

	/**
	 * Whether the profile's URLs cross the network encrypted: on AWS always; with an
	 * endpoint only if it is {@code https}, since start-up lets {@code http} through only
	 * where {@code allow-insecure-endpoint} is set.
	 */
	private static DiagnosticStep transport(Profile profile) {
		URI endpoint = profile.endpoint();
		if (endpoint == null || "https".equalsIgnoreCase(endpoint.getScheme())) {
			return DiagnosticStep.ok("transport", "The profile's URLs use https", Map.of());
		}
		return DiagnosticStep.warn("transport",
				"The profile's URLs use plain HTTP (allow-insecure-endpoint): "
						+ "anyone on the network path can read a URL, reuse it until it expires, and see the object",
				Map.of("endpoint", endpoint.toString()));
	}

	private DiagnosticStep identity(Profile profile) {
		SigningIdentity identity;
		try {
			identity = this.credentials.current();
		}
		catch (SdkException ex) {
			return DiagnosticStep.failed("identity", "Credentials cannot be resolved: " + ex.getMessage(), null);
		}
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("accessKeyId", mask(identity.credentials().accessKeyId()));
		data.put("credentialType", identity.type());
		identity.expiresAt().ifPresent((end) -> {
			data.put("expiresAt", end.toString());
			data.put("secondsLeft", Duration.between(this.clock.instant(), end).toSeconds());
		});
		// Whether this profile's URLs can be revoked (signed by the role, on AWS S3), and
		// when the role's last were.
		data.put("revocable", this.revocations != null && profile.endpoint() == null && profile.cloudFront() == null);
		if (this.revocations != null) {
			this.revocations.lastRevocation().ifPresent((last) -> data.put("lastRevocation", last.toString()));
		}
		if (profile.endpoint() != null) {
			return DiagnosticStep.ok("identity", "Credentials resolve; caller identity not asked, since the profile "
					+ "uses an S3-compatible endpoint without STS", data);
		}
		try (StsClient sts = StsClient.builder()
			.region(Region.of(profile.region()))
			.credentialsProvider(StaticCredentialsProvider.create(identity.credentials()))
			.overrideConfiguration((config) -> config.apiCallTimeout(this.callTimeout))
			.build()) {
			GetCallerIdentityResponse caller = sts.getCallerIdentity();
			data.put("account", caller.account());
			data.put("arn", caller.arn());
			if (SigningIdentity.isLongTerm(identity.credentials().accessKeyId())) {
				data.put("longTermKey", true);
				return DiagnosticStep.warn("identity",
						"Signing as " + caller.arn() + ". " + SigningIdentity.LONG_TERM_WARNING, data);
			}
			return DiagnosticStep.ok("identity", "Signing as " + caller.arn(), data);
		}
		catch (AwsServiceException ex) {
			return DiagnosticStep.failed("identity",
					"STS GetCallerIdentity failed: " + ex.awsErrorDetails().errorMessage(),
					ex.awsErrorDetails().errorCode());
		}
		catch (SdkException ex) {
			return DiagnosticStep.failed("identity", "STS could not be reached: " + ex.getMessage(), null);
		}
	}

	private DiagnosticStep region(Profile profile) {
		BucketRegion region = this.regions.resultFor(profile.name());
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("configured", profile.region());
		if (region == null || region.actual() == null) {
			String detail = (region != null && region.detail() != null) ? region.detail() : "not checked";
			return DiagnosticStep.warn("region", "The bucket's region is unknown: " + detail, data);
		}
		data.put("actual", region.actual());
		if (region.mismatched()) {
			return DiagnosticStep.failed("region", "Bucket '" + profile.bucket() + "' is in " + region.actual()
					+ ", but URLs are signed for " + profile.region(), "PermanentRedirect");
		}
		return DiagnosticStep.ok("region", "Bucket and profile agree on " + region.actual(), data);
	}

	private List<DiagnosticStep> canary(Profile profile) {
		List<DiagnosticStep> steps = new ArrayList<>();
		String key = this.properties.canaryPrefix() + UUID.randomUUID() + ".txt";
		byte[] content = ("presign-service canary " + this.clock.instant()).getBytes(StandardCharsets.UTF_8);
		Expiry expiry = new Expiry(CANARY_EXPIRY, null, CANARY_EXPIRY);
		Response put;
		try {
			PresignedUrl url = this.signer
				.presignUpload(new UploadGrant(profile, key, "text/plain", content.length, expiry));
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.url()))
				.PUT(HttpRequest.BodyPublishers.ofByteArray(content));
			url.headers().forEach((name, value) -> {
				if (!name.equalsIgnoreCase("Content-Length")) {
					request.header(name, value);
				}
			});
			put = send(request);
		}
		catch (RuntimeException | IOException ex) {
			steps.add(DiagnosticStep.failed("canary-put",
					"The upload URL could not be issued or used: " + ex.getMessage(), null));
			return steps;
		}
		steps.add(clock(put));
		if (put.status() != 200) {
			steps.add(failure("canary-put", "PUT", put));
			return steps;
		}
		steps.add(DiagnosticStep.ok("canary-put", "A presigned PUT stored " + key, Map.of("key", key)));
		try {
			PresignedUrl url = this.signer.presignDownload(new DownloadGrant(profile, key, null, null, expiry));
			Response get = send(HttpRequest.newBuilder(URI.create(url.url())).GET());
			if (get.status() != 200) {
				steps.add(failure("canary-get", "GET", get));
			}
			else if (!Arrays.equals(get.body(), content)) {
				steps.add(DiagnosticStep.failed("canary-get", "The object read back differs from what was written",
						"ContentMismatch"));
			}
			else {
				steps.add(DiagnosticStep.ok("canary-get", "A presigned GET read the same bytes back", Map.of()));
			}
		}
		catch (RuntimeException | IOException ex) {
			steps.add(DiagnosticStep.failed("canary-get",
					"The download URL could not be issued or used: " + ex.getMessage(), null));
		}
		steps.add(delete(profile, key));
		return steps;
	}

	private DiagnosticStep delete(Profile profile, String key) {
		try {
			this.clients.clientFor(profile).deleteObject((request) -> request.bucket(profile.bucket()).key(key));
			return DiagnosticStep.ok("canary-delete", "The canary object was deleted", Map.of());
		}
		catch (AwsServiceException ex) {
			return new DiagnosticStep("canary-delete", "warn",
					"The canary object was left behind: " + ex.awsErrorDetails().errorMessage(),
					ex.awsErrorDetails().errorCode(), "Grant s3:DeleteObject on " + this.properties.canaryPrefix()
							+ " or add a lifecycle rule expiring that prefix.",
					Map.of("key", key));
		}
		catch (SdkException ex) {
			return DiagnosticStep.warn("canary-delete", "The canary object was left behind: " + ex.getMessage(),
					Map.of("key", key));
		}
	}

	private DiagnosticStep clock(Response response) {
		Optional<Instant> serverTime = response.date();
		if (serverTime.isEmpty()) {
			return DiagnosticStep.skipped("clock", "S3 sent no Date header");
		}
		Duration skew = Duration.between(this.clock.instant(), serverTime.get());
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("skewSeconds", skew.toSeconds());
		data.put("serverTime", serverTime.get().toString());
		if (skew.abs().compareTo(SKEW_LIMIT) > 0) {
			return new DiagnosticStep("clock", "failed", "The clocks differ by " + skew.toSeconds() + " s",
					"RequestTimeTooSkewed", FailureHints.forCode("RequestTimeTooSkewed"), data);
		}
		if (skew.abs().compareTo(SKEW_WARNING) > 0) {
			return DiagnosticStep.warn("clock", "The clocks differ by " + skew.toSeconds() + " s", data);
		}
		return DiagnosticStep.ok("clock", "The clocks agree within " + SKEW_WARNING.toSeconds() + " s", data);
	}

	private static DiagnosticStep failure(String step, String method, Response response) {
		String body = new String(response.body(), StandardCharsets.UTF_8);
		Matcher code = ERROR_CODE.matcher(body);
		String errorCode = code.find() ? code.group(1) : null;
		return DiagnosticStep.failed(step, "S3 answered the presigned " + method + " with " + response.status()
				+ ((errorCode != null) ? " " + errorCode : ""), errorCode);
	}

	private Response send(HttpRequest.Builder request) throws IOException {
		try {
			HttpResponse<byte[]> response = this.http.send(request.timeout(this.callTimeout).build(),
					HttpResponse.BodyHandlers.ofByteArray());
			return new Response(response.statusCode(), response.headers().firstValue("Date"), response.body());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted", ex);
		}
	}

	private static String mask(String accessKeyId) {
		return (accessKeyId.length() <= 8) ? "****"
				: accessKeyId.substring(0, 4) + "****" + accessKeyId.substring(accessKeyId.length() - 4);
	}

	private record Response(int status, Optional<String> dateHeader, byte[] body) {

		Optional<Instant> date() {
			try {
				return this.dateHeader
					.map((date) -> ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
			}
			catch (DateTimeParseException ex) {
				return Optional.empty();
			}
		}

	}

}
