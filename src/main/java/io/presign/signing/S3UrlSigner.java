package io.presign.signing;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import io.presign.policy.DownloadGrant;
import io.presign.policy.Encryption;
import io.presign.policy.Expiry;
import io.presign.policy.FormUploadGrant;
import io.presign.policy.MultipartCallGrant;
import io.presign.policy.Profile;
import io.presign.policy.UploadGrant;
import io.presign.policy.UploadPartGrant;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Signs with the AWS SDK's {@code S3Presigner}, picking the presigner pinned to each
 * profile's region. Each URL is signed with credentials resolved once for it, and never
 * lives longer than they do.
 */
final class S3UrlSigner implements UrlSigner {

	private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(1);

	private static final SortedMap<String, String> NONE = Collections.emptySortedMap();

	/**
	 * How the signed headers' names are shown to clients; the few names this signer
	 * signs.
	 */
	private static final Map<String, String> DISPLAY_NAMES = new ConcurrentHashMap<>();

	private final PresignerRegistry presigners;

	private final SigningCredentials credentials;

	private final CredentialExpiryCap expiryCap;

	private final @Nullable SigV4QuerySigner lean;

	/**
	 * The lean signer, also for calls the SDK's presigner cannot sign (ListParts) when
	 * the engine is the SDK.
	 */
	private final SigV4QuerySigner own;

	/**
	 * Where each profile's URLs go, as the SDK's endpoint rules resolve it: found once
	 * per profile.
	 */
	private final Map<String, LeanTarget> leanTargets = new ConcurrentHashMap<>();

	/**
	 * @param lean the signer that computes signatures itself, or none to let the SDK's
	 * presigner compute them
	 */
	S3UrlSigner(PresignerRegistry presigners, SigningCredentials credentials, CredentialExpiryCap expiryCap,
			@Nullable SigV4QuerySigner lean) {
		this.presigners = presigners;
		this.credentials = credentials;
		this.expiryCap = expiryCap;
		this.lean = lean;
		this.own = (lean != null) ? lean : new SigV4QuerySigner();
	}

	@Override
	public PresignedUrl presignDownload(DownloadGrant grant) {
		return presignDownload(grant, signingFor(grant.expiry()));
	}

	@Override
	public List<PresignedUrl> presignDownloads(List<DownloadGrant> grants) {
		return grants.isEmpty() ? List.of() : signAll(grants, grants.get(0).expiry(), this::presignDownload);
	}

	private PresignedUrl presignDownload(DownloadGrant grant, Signing signing) {
		if (this.lean != null) {
			SortedMap<String, String> parameters = NONE;
			if (grant.versionId() != null || grant.contentDisposition() != null) {
				parameters = new TreeMap<>();
				if (grant.versionId() != null) {
					parameters.put("versionId", grant.versionId());
				}
				if (grant.contentDisposition() != null) {
					parameters.put("response-content-disposition", grant.contentDisposition());
				}
			}
			return signLean(grant.profile(), signing, "GET", grant.key(), parameters, NONE);
		}
		GetObjectRequest.Builder get = GetObjectRequest.builder().bucket(grant.profile().bucket()).key(grant.key());
		if (grant.versionId() != null) {
			get.versionId(grant.versionId());
		}
		if (grant.contentDisposition() != null) {
			get.responseContentDisposition(grant.contentDisposition());
		}
		return sign(grant.profile(), signing,
				(presigner, credentials) -> presigner.presignGetObject((request) -> request
					.signatureDuration(signing.expiry().duration())
					.getObjectRequest(get.overrideConfiguration((o) -> o.credentialsProvider(credentials)).build())));
	}

	@Override
	public PresignedUrl presignUpload(UploadGrant grant) {
		Signing signing = signingFor(grant.expiry());
		if (this.lean != null) {
			SortedMap<String, String> headers = new TreeMap<>();
			headers.put("content-type", grant.contentType());
			headers.put("content-length", Long.toString(grant.contentLength()));
			if (grant.contentMd5() != null) {
				headers.put("content-md5", grant.contentMd5());
			}
			if (grant.checksumSha256() != null) {
				headers.put("x-amz-checksum-sha256", grant.checksumSha256());
			}
			Encryption encryption = grant.profile().encryption();
			if (encryption != null) {
				headers.put("x-amz-server-side-encryption", encryption.algorithm());
				if (encryption.kmsKeyId() != null) {
					headers.put("x-amz-server-side-encryption-aws-kms-key-id", encryption.kmsKeyId());
				}
			}
			return signLean(grant.profile(), signing, "PUT", grant.key(), NONE, headers);
		}
		PutObjectRequest.Builder put = PutObjectRequest.builder()
			.bucket(grant.profile().bucket())
			.key(grant.key())
			.contentType(grant.contentType())
			.contentLength(grant.contentLength())
			.contentMD5(grant.contentMd5())
			.checksumSHA256(grant.checksumSha256());
		Encryption encryption = grant.profile().encryption();
		if (encryption != null) {
			put.serverSideEncryption(encryption.algorithm()).ssekmsKeyId(encryption.kmsKeyId());
		}
		return sign(grant.profile(), signing,
				(presigner, credentials) -> presigner.presignPutObject((request) -> request
					.signatureDuration(signing.expiry().duration())
					.putObjectRequest(put.overrideConfiguration((o) -> o.credentialsProvider(credentials)).build())));
	}

	@Override
	public PresignedUrl presignUploadPart(UploadPartGrant grant) {
		return presignUploadPart(grant, signingFor(grant.expiry()));
	}

	@Override
	public List<PresignedUrl> presignUploadParts(List<UploadPartGrant> grants) {
		return grants.isEmpty() ? List.of() : signAll(grants, grants.get(0).expiry(), this::presignUploadPart);
	}

	/**
	 * One request's grants share a profile and an expiry (policy resolves both once per
	 * request), so one resolution of the credentials and one signing time serve them all.
	 */
	private <G> List<PresignedUrl> signAll(List<G> grants, Expiry expiry, BiFunction<G, Signing, PresignedUrl> sign) {
		Signing signing = signingFor(expiry);
		List<PresignedUrl> urls = new ArrayList<>(grants.size());
		for (G grant : grants) {
			urls.add(sign.apply(grant, signing));
		}
		return urls;
	}

	private PresignedUrl presignUploadPart(UploadPartGrant grant, Signing signing) {
		if (this.lean != null) {
			SortedMap<String, String> parameters = new TreeMap<>();
			parameters.put("partNumber", Integer.toString(grant.partNumber()));
			parameters.put("uploadId", grant.uploadId());
			SortedMap<String, String> headers = NONE;
			if (grant.contentLength() != null) {
				headers = new TreeMap<>();
				headers.put("content-length", Long.toString(grant.contentLength()));
			}
			return signLean(grant.profile(), signing, "PUT", grant.key(), parameters, headers);
		}
		UploadPartRequest.Builder part = UploadPartRequest.builder()
			.bucket(grant.profile().bucket())
			.key(grant.key())
			.uploadId(grant.uploadId())
			.partNumber(grant.partNumber())
			.contentLength(grant.contentLength());
		return sign(grant.profile(), signing,
				(presigner, credentials) -> presigner.presignUploadPart((request) -> request
					.signatureDuration(signing.expiry().duration())
					.uploadPartRequest(part.overrideConfiguration((o) -> o.credentialsProvider(credentials)).build())));
	}

	@Override
	public PresignedUrl presignMultipartCall(MultipartCallGrant grant) {
		Signing signing = signingFor(grant.expiry());
		SortedMap<String, String> parameters = new TreeMap<>();
		parameters.put("uploadId", grant.uploadId());
		if (grant.call() == MultipartCallGrant.Call.LIST_PARTS) {
			// The SDK's presigner has no ListParts: the lean signer, proven equal to it,
			// signs it for both engines.
			return signLean(grant.profile(), signing, "GET", grant.key(), parameters, NONE);
		}
		if (this.lean != null) {
			return signLean(grant.profile(), signing, "DELETE", grant.key(), parameters, NONE);
		}
		AbortMultipartUploadRequest.Builder abort = AbortMultipartUploadRequest.builder()
			.bucket(grant.profile().bucket())
			.key(grant.key())
			.uploadId(grant.uploadId());
		return sign(grant.profile(), signing,
				(presigner,
						credentials) -> presigner.presignAbortMultipartUpload((request) -> request
							.signatureDuration(signing.expiry().duration())
							.abortMultipartUploadRequest(
									abort.overrideConfiguration((o) -> o.credentialsProvider(credentials)).build())));
	}

	@Override
	public PresignedForm presignFormUpload(FormUploadGrant grant) {
		Signing signing = signingFor(grant.expiry());
		Instant expiresAt = signing.signedAt().plus(signing.expiry().duration());
		Map<String, String> fields = PostPolicySigner.sign(grant, signing.identity().credentials(), signing.signedAt(),
				expiresAt);
		return new PresignedForm(PostPolicySigner.actionUrl(grant.profile()), fields, signing.expiry().duration(),
				expiresAt, signing.expiry().cappedBy());
	}

	private PresignedUrl sign(Profile profile, Signing signing,
			BiFunction<S3Presigner, AwsCredentialsProvider, ? extends PresignedRequest> signature) {
		PresignedRequest presigned;
		try {
			presigned = signature.apply(this.presigners.presignerFor(profile),
					StaticCredentialsProvider.create(signing.identity().credentials()));
		}
		catch (SdkException ex) {
			throw new SigningUnavailableException("Signing failed: " + ex.getMessage(), ex);
		}
		// X-Amz-Date has whole seconds, so the URL really expires at the whole second
		// before expiration().
		return new PresignedUrl(presigned.httpRequest().method().name(), presigned.url().toString(),
				clientHeaders(presigned), signing.expiry().duration(),
				presigned.expiration().truncatedTo(ChronoUnit.SECONDS), signing.expiry().cappedBy());
	}

	private PresignedUrl signLean(Profile profile, Signing signing, String method, String key,
			SortedMap<String, String> parameters, SortedMap<String, String> headers) {
		LeanTarget target;
		try {
			target = this.leanTargets.computeIfAbsent(profile.name(), (name) -> leanTarget(profile));
		}
		catch (SdkException ex) {
			throw new SigningUnavailableException("Signing failed: " + ex.getMessage(), ex);
		}
		AwsCredentials credentials = signing.identity().credentials();
		String token = (credentials instanceof AwsSessionCredentials session) ? session.sessionToken() : null;
		Duration lifetime = signing.expiry().duration();
		String url = this.own.presign(new SigV4QuerySigner.Request(method, target.scheme(), target.host(),
				target.pathPrefix() + key, parameters, headers, signing.signedAt(), lifetime.toSeconds(),
				profile.region(), credentials.accessKeyId(), credentials.secretAccessKey(), token));
		return new PresignedUrl(method, url, clientHeaders(headers), lifetime, signing.signedAt().plus(lifetime),
				signing.expiry().cappedBy());
	}

	/**
	 * Lets the SDK's endpoint rules say where a profile's objects are (global or regional
	 * host, virtual-host or path-style, dotted buckets, custom endpoints), by presigning
	 * one throw-away URL with throw-away credentials: the lean signer then builds the
	 * same URLs without repeating those rules.
	 */
	private LeanTarget leanTarget(Profile profile) {
		URL probe = this.presigners.presignerFor(profile)
			.presignGetObject((request) -> request.signatureDuration(Duration.ofMinutes(1))
				.getObjectRequest((get) -> get.bucket(profile.bucket())
					.key("k")
					.overrideConfiguration((o) -> o.credentialsProvider(
							StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDPROBE", "probe"))))))
			.url();
		String path = probe.getPath();
		if (profile.endpoint() == null && !"https".equals(probe.getProtocol())) {
			throw new IllegalStateException("The SDK would send profile '" + profile.name() + "' to AWS over "
					+ probe.getProtocol() + "; AWS URLs are https only");
		}
		return new LeanTarget(probe.getProtocol(), probe.getAuthority(), path.substring(0, path.length() - 1));
	}

	/**
	 * Where a profile's URLs go: the scheme, the Host header value, and the path before
	 * the key.
	 */
	private record LeanTarget(String scheme, String host, String pathPrefix) {
	}

	/**
	 * Resolves the credentials and caps the expiry to them; when too little is left,
	 * tries fresher credentials once before giving up.
	 */
	private Signing signingFor(Expiry wanted) {
		SigningIdentity identity = resolve(this.credentials::current);
		// One reading of the clock both caps the lifetime and dates the signature.
		Instant now = this.expiryCap.now();
		Expiry expiry = this.expiryCap.cap(wanted, identity.expiresAt(), now);
		if (expiry.duration().compareTo(expiry.minimum()) < 0) {
			identity = resolve(this.credentials::refresh);
			now = this.expiryCap.now();
			expiry = this.expiryCap.cap(wanted, identity.expiresAt(), now);
		}
		if (expiry.duration().compareTo(expiry.minimum()) < 0) {
			Duration left = expiry.duration().plus(this.expiryCap.safetyMargin());
			Duration retryAfter = left.isNegative() || left.isZero() ? Duration.ofSeconds(1)
					: (left.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : left);
			throw new CredentialsExpiringException("The signing credentials end in " + Math.max(0, left.toSeconds())
					+ " s; a URL would live " + Math.max(0, expiry.duration().toSeconds()) + " s, below the minimum of "
					+ expiry.minimum().toSeconds() + " s", retryAfter);
		}
		return new Signing(identity, expiry, now.truncatedTo(ChronoUnit.SECONDS));
	}

	private static SigningIdentity resolve(Supplier<SigningIdentity> source) {
		try {
			return source.get();
		}
		catch (SdkException ex) {
			// Typically unresolvable credentials; the message names the providers tried,
			// never a secret.
			throw new SigningUnavailableException("Signing credentials unavailable: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The signed headers a client must send; {@code Host} is left out because every HTTP
	 * client derives it from the URL.
	 */
	private static Map<String, String> clientHeaders(PresignedRequest presigned) {
		Map<String, String> headers = new LinkedHashMap<>();
		for (Map.Entry<String, List<String>> header : presigned.signedHeaders().entrySet()) {
			if (!header.getKey().equalsIgnoreCase("host")) {
				headers.put(displayName(header.getKey()), String.join(",", header.getValue()));
			}
		}
		return headers;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> clientHeaders(SortedMap<String, String> signed) {
		if (signed.isEmpty()) {
			return Map.of();
		}
		Map.Entry<String, String>[] entries = new Map.Entry[signed.size()];
		int i = 0;
		for (Map.Entry<String, String> header : signed.entrySet()) {
			entries[i++] = Map.entry(DISPLAY_NAMES.computeIfAbsent(header.getKey(), S3UrlSigner::displayName),
					header.getValue());
		}
		return Map.ofEntries(entries);
	}

	private static String displayName(String name) {
		StringBuilder display = new StringBuilder(name.length());
		boolean upper = true;
		for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
			display.append(upper ? Character.toUpperCase(c) : c);
			upper = (c == '-');
		}
		return display.toString();
	}

	/**
	 * The credentials, capped expiry and signing time (whole seconds, as
	 * {@code X-Amz-Date} has them) of one request's signatures.
	 */
	private record Signing(SigningIdentity identity, Expiry expiry, Instant signedAt) {
	}

}
