package io.presign.signing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.presign.policy.CloudFrontDelivery;
import io.presign.policy.CookieGrant;
import io.presign.policy.DownloadGrant;
import io.presign.policy.Expiry;
import io.presign.policy.ExpiryCap;
import io.presign.policy.Profile;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.cloudfront.CloudFrontUtilities;
import software.amazon.awssdk.services.cloudfront.cookie.CookiesForCustomPolicy;
import software.amazon.awssdk.services.cloudfront.model.CustomSignerRequest;
import software.amazon.awssdk.services.cloudfront.url.SignedUrl;

import org.springframework.core.io.Resource;

/**
 * Signs CloudFront URLs and cookies with the AWS SDK's {@code CloudFrontUtilities}
 * (RSA-SHA1, as CloudFront verifies by default): a canned policy for one object, a custom
 * policy when an IP range binds it or a wildcard covers a prefix. A CloudFront key pair
 * does not expire, so only policy bounds the lifetime.
 */
public final class CloudFrontSigner {

	private final CloudFrontUtilities utilities = CloudFrontUtilities.create();

	private final Map<String, PrivateKey> keys;

	private final Clock clock;

	/**
	 * @param keys each CloudFront profile's private key, by profile name
	 */
	public CloudFrontSigner(Map<String, PrivateKey> keys, Clock clock) {
		this.keys = Map.copyOf(keys);
		this.clock = clock;
	}

	/**
	 * @return a signed GET URL of the object through the profile's distribution
	 */
	public PresignedUrl signDownload(DownloadGrant grant) {
		CloudFrontDelivery delivery = delivery(grant.profile());
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		Expiry expiry = grant.expiry();
		Instant expiresAt = now.plus(expiry.duration());
		// Percent-encoded as S3 keys are in paths, so that a '*' or '?' in a key is never
		// a policy wildcard.
		String resource = "https://" + delivery.distributionDomain() + "/" + S3Escaper.encodePath(grant.key());
		PrivateKey key = privateKey(grant.profile());
		SignedUrl signed = (grant.ipRange() == null)
				? this.utilities.getSignedUrlWithCannedPolicy((canned) -> canned.resourceUrl(resource)
					.privateKey(key)
					.keyPairId(delivery.keyPairId())
					.expirationDate(expiresAt))
				: this.utilities.getSignedUrlWithCustomPolicy((custom) -> custom.resourceUrl(resource)
					.privateKey(key)
					.keyPairId(delivery.keyPairId())
					.expirationDate(expiresAt)
					.ipRange(grant.ipRange()));
		return new PresignedUrl("GET", signed.url(), Map.of(), expiry.duration(), expiresAt, expiry.cappedBy());
	}

	/**
	 * @return one signed URL per grant, in order
	 */
	public List<PresignedUrl> signDownloads(List<DownloadGrant> grants) {
		List<PresignedUrl> urls = new ArrayList<>(grants.size());
		for (DownloadGrant grant : grants) {
			urls.add(signDownload(grant));
		}
		return urls;
	}

	/**
	 * @return signed cookies, and the same policy as query parameters, for every object
	 * under the prefix
	 */
	public SignedCookies signCookies(CookieGrant grant) {
		CloudFrontDelivery delivery = delivery(grant.profile());
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		Instant expiresAt = now.plus(grant.expiry().duration());
		String path = "/" + S3Escaper.encodePath(grant.keyPrefix());
		String resource = "https://" + delivery.distributionDomain() + path + "*";
		CustomSignerRequest.Builder request = CustomSignerRequest.builder()
			.resourceUrl(resource)
			.privateKey(privateKey(grant.profile()))
			.keyPairId(delivery.keyPairId())
			.expirationDate(expiresAt);
		if (grant.ipRange() != null) {
			request.ipRange(grant.ipRange());
		}
		CookiesForCustomPolicy cookies = this.utilities.getCookiesForCustomPolicy(request.build());
		return new SignedCookies(delivery.distributionDomain(), path, resource, value(cookies.policyHeaderValue()),
				value(cookies.signatureHeaderValue()), delivery.keyPairId(), grant.expiry().duration(), expiresAt,
				grant.expiry().cappedBy());
	}

	/** The SDK answers each cookie as {@code Name=value}. */
	private static String value(String headerValue) {
		return headerValue.substring(headerValue.indexOf('=') + 1);
	}

	private static CloudFrontDelivery delivery(Profile profile) {
		CloudFrontDelivery delivery = profile.cloudFront();
		if (delivery == null) {
			throw new IllegalArgumentException("Profile '" + profile.name() + "' does not deliver through CloudFront");
		}
		return delivery;
	}

	private PrivateKey privateKey(Profile profile) {
		PrivateKey key = this.keys.get(profile.name());
		if (key == null) {
			throw new IllegalStateException("No CloudFront private key loaded for profile '" + profile.name() + "'");
		}
		return key;
	}

	/**
	 * Reads an RSA private key in PEM, PKCS#8 ({@code BEGIN PRIVATE KEY}), as OpenSSL 3
	 * writes it.
	 * @throws IllegalStateException naming the location and what is wrong, so that
	 * start-up fails clearly
	 */
	static PrivateKey readPrivateKey(Resource resource, String location) {
		String pem;
		try (InputStream in = resource.getInputStream()) {
			pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read the CloudFront private key at " + location, ex);
		}
		if (pem.contains("BEGIN RSA PRIVATE KEY")) {
			throw new IllegalStateException("The CloudFront private key at " + location + " is PKCS#1; convert it "
					+ "with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem");
		}
		int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
		int end = pem.indexOf("-----END PRIVATE KEY-----");
		if (begin < 0 || end < begin) {
			throw new IllegalStateException(
					"The CloudFront private key at " + location + " is not a PEM 'BEGIN PRIVATE KEY' block");
		}
		String base64 = pem.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end).replaceAll("\\s", "");
		try {
			return KeyFactory.getInstance("RSA")
				.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("The CloudFront private key at " + location + " is not an RSA key", ex);
		}
	}

	/**
	 * CloudFront signed cookies for a prefix.
	 *
	 * @param domain the distribution's host name, for the cookies' {@code Domain}
	 * @param path the prefix's path, for the cookies' {@code Path}
	 * @param resource the policy's resource: every URL under the prefix
	 * @param policy the {@code CloudFront-Policy} cookie's value
	 * @param signature the {@code CloudFront-Signature} cookie's value
	 * @param keyPairId the {@code CloudFront-Key-Pair-Id} cookie's value
	 * @param lifetime how long they work
	 * @param expiresAt when they stop working
	 * @param cappedBy what shortened the lifetime below the caller's wish
	 */
	public record SignedCookies(String domain, String path, String resource, String policy, String signature,
			String keyPairId, Duration lifetime, Instant expiresAt, @Nullable ExpiryCap cappedBy) {
	}

}
