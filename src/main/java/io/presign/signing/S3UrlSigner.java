package io.presign.signing;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.presign.policy.DownloadGrant;
import io.presign.policy.UploadGrant;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Signs with the AWS SDK's {@code S3Presigner}, picking the presigner pinned to each profile's region.
 */
final class S3UrlSigner implements UrlSigner {

	private final PresignerRegistry presigners;

	S3UrlSigner(PresignerRegistry presigners) {
		this.presigners = presigners;
	}

	@Override
	public PresignedUrl presignDownload(DownloadGrant grant) {
		GetObjectRequest.Builder get = GetObjectRequest.builder().bucket(grant.profile().bucket()).key(grant.key());
		if (grant.versionId() != null) {
			get.versionId(grant.versionId());
		}
		if (grant.contentDisposition() != null) {
			get.responseContentDisposition(grant.contentDisposition());
		}
		return sign(() -> this.presigners.presignerFor(grant.profile())
			.presignGetObject((request) -> request.signatureDuration(grant.expiry()).getObjectRequest(get.build())));
	}

	@Override
	public PresignedUrl presignUpload(UploadGrant grant) {
		PutObjectRequest put = PutObjectRequest.builder()
			.bucket(grant.profile().bucket())
			.key(grant.key())
			.contentType(grant.contentType())
			.contentLength(grant.contentLength())
			.build();
		return sign(() -> this.presigners.presignerFor(grant.profile())
			.presignPutObject((request) -> request.signatureDuration(grant.expiry()).putObjectRequest(put)));
	}

	private static PresignedUrl sign(Signature signature) {
		PresignedRequest presigned;
		try {
			presigned = signature.sign();
		}
		catch (SdkClientException ex) {
			// Typically unresolvable credentials; the message names the providers tried, never a secret.
			throw new SigningUnavailableException("Signing failed: " + ex.getMessage(), ex);
		}
		// X-Amz-Date has whole seconds, so the URL really expires at the whole second before expiration().
		return new PresignedUrl(presigned.httpRequest().method().name(), toUri(presigned), clientHeaders(presigned),
				presigned.expiration().truncatedTo(ChronoUnit.SECONDS));
	}

	private static URI toUri(PresignedRequest presigned) {
		try {
			return presigned.url().toURI();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException("The SDK produced an invalid URL", ex);
		}
	}

	/**
	 * The signed headers a client must send; {@code Host} is left out because every HTTP client derives it
	 * from the URL.
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

	private static String displayName(String name) {
		StringBuilder display = new StringBuilder(name.length());
		boolean upper = true;
		for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
			display.append(upper ? Character.toUpperCase(c) : c);
			upper = (c == '-');
		}
		return display.toString();
	}

	@FunctionalInterface
	private interface Signature {

		PresignedRequest sign();

	}

}
