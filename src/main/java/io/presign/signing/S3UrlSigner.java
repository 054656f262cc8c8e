package io.presign.signing;

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
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import io.presign.policy.DownloadGrant;
import io.presign.policy.Expiry;
import io.presign.policy.FormUploadGrant;
import io.presign.policy.MultipartCallGrant;
import io.presign.policy.UploadGrant;
import io.presign.policy.UploadPartGrant;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Signs what policy granted for S3: each grant becomes one {@link S3Request}, signed by
 * the configured {@link SigningEngine} with credentials resolved once for the request,
 * and never living longer than they do.
 */
final class S3UrlSigner implements UrlSigner {

	private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(1);

	/**
	 * How the signed headers' names are shown to clients; the few names this signer
	 * signs.
	 */
	private static final Map<String, String> DISPLAY_NAMES = new ConcurrentHashMap<>();

	private final SigningEngine engine;

	private final SigningCredentials credentials;

	private final CredentialExpiryCap expiryCap;

	S3UrlSigner(SigningEngine engine, SigningCredentials credentials, CredentialExpiryCap expiryCap) {
		this.engine = engine;
		this.credentials = credentials;
		this.expiryCap = expiryCap;
	}

	@Override
	public PresignedUrl presignDownload(DownloadGrant grant) {
		return sign(S3Request.download(grant), signingFor(grant.expiry()));
	}

	@Override
	public List<PresignedUrl> presignDownloads(List<DownloadGrant> grants) {
		return signAll(grants.stream().map(S3Request::download).toList(), grants, DownloadGrant::expiry);
	}

	@Override
	public PresignedUrl presignUpload(UploadGrant grant) {
		return sign(S3Request.upload(grant), signingFor(grant.expiry()));
	}

	@Override
	public PresignedUrl presignUploadPart(UploadPartGrant grant) {
		return sign(S3Request.uploadPart(grant), signingFor(grant.expiry()));
	}

	@Override
	public List<PresignedUrl> presignUploadParts(List<UploadPartGrant> grants) {
		return signAll(grants.stream().map(S3Request::uploadPart).toList(), grants, UploadPartGrant::expiry);
	}

	@Override
	public PresignedUrl presignMultipartCall(MultipartCallGrant grant) {
		return sign(S3Request.multipartCall(grant), signingFor(grant.expiry()));
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

	/**
	 * One request's grants share a profile and an expiry (policy resolves both once per
	 * request), so one resolution of the credentials and one signing time serve them all.
	 */
	private <G> List<PresignedUrl> signAll(List<S3Request> requests, List<G> grants, Function<G, Expiry> expiry) {
		if (requests.isEmpty()) {
			return List.of();
		}
		Signing signing = signingFor(expiry.apply(grants.get(0)));
		List<PresignedUrl> urls = new ArrayList<>(requests.size());
		for (S3Request request : requests) {
			urls.add(sign(request, signing));
		}
		return urls;
	}

	private PresignedUrl sign(S3Request request, Signing signing) {
		SigningEngine.Signed signed;
		try {
			signed = this.engine.presign(request, signing.identity().credentials(), signing.signedAt(),
					signing.expiry().duration());
		}
		catch (SdkException ex) {
			throw new SigningUnavailableException("Signing failed: " + ex.getMessage(), ex);
		}
		return new PresignedUrl(request.method(), signed.url(), clientHeaders(request.headers()),
				signing.expiry().duration(), signed.expiresAt(), signing.expiry().cappedBy());
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
	 * The signed headers a client must send, named as HTTP usually writes them, in the
	 * order of their names (so that one answer is one byte sequence, run after run);
	 * {@code Host} is not among them, because every HTTP client derives it from the URL.
	 */
	private static Map<String, String> clientHeaders(SortedMap<String, String> signed) {
		if (signed.isEmpty()) {
			return Map.of();
		}
		Map<String, String> headers = new LinkedHashMap<>(signed.size() * 2);
		for (Map.Entry<String, String> header : signed.entrySet()) {
			headers.put(DISPLAY_NAMES.computeIfAbsent(header.getKey(), S3UrlSigner::displayName), header.getValue());
		}
		return Collections.unmodifiableMap(headers);
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
