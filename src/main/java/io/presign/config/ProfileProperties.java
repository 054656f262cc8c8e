package io.presign.config;

import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.presign.policy.CloudFrontDelivery;
import io.presign.policy.ContentTypePolicy;
import io.presign.policy.Encryption;
import io.presign.policy.ExpiryPolicy;
import io.presign.policy.KeyStrategy;
import io.presign.policy.KeyTemplate;
import io.presign.policy.MultipartSettings;
import io.presign.policy.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * One profile as configured under {@code presign.profiles.<name>}.
 *
 * @param bucket the S3 bucket
 * @param region the bucket's region; every URL of the profile is signed for it
 * @param endpoint an S3-compatible endpoint; leave unset for AWS, whose URLs are always
 * {@code https}
 * @param pathStyle whether to put the bucket in the path rather than the host name
 * @param keyPrefix the key template, for example {@code users/{principal}/}; must end
 * with {@code /}
 * @param operations what callers may do: {@code download}, {@code upload}
 * @param contentTypes the media types uploads may declare; wildcards such as
 * {@code image/*} allowed
 * @param maxContentLength the largest upload, for example {@code 10MB}
 * @param defaultExpiry the expiry when a client names none
 * @param maxExpiry the longest expiry a client may ask for, at most 7 days
 * @param minExpiry the shortest URL worth issuing when signing credentials end soon; by
 * default 1 minute, or the default expiry when that is shorter
 * @param capExpiryAtMax whether a wish above max-expiry is capped (and reported) rather
 * than refused
 * @param requiredScope the scope granting every operation of the profile
 * @param scopes finer grants, each a scope and the operations it allows, e.g.
 * {@code avatars:read} with {@code [download]}
 * @param keyStrategy {@code client}: callers choose keys below their prefix;
 * {@code generated}: the service picks {@code prefix + UUID + extension}
 * @param rateLimit URLs per caller per period on this profile
 * @param multipart multipart upload settings
 * @param sse server-side encryption every upload must request: {@code AES256} or
 * {@code aws:kms}
 * @param kmsKeyId the KMS key for {@code aws:kms}; the bucket's default key when unset
 * @param allowFormKeyPrefix whether form uploads may name a {@code keyPrefix} (any key
 * below it); by default only on AWS, since an S3-compatible store may resolve {@code ..}
 * in a key and so step out of the prefix
 * @param allowInsecureEndpoint whether an {@code http://} endpoint is accepted; for local
 * stores only
 * @param requireExisting whether downloads first ask S3 (HeadObject) and answer 404 for a
 * missing object
 * @param delivery where downloads come from: {@code s3}, or {@code cloudfront} through
 * the distribution in {@code cloudfront}
 * @param cloudfront the distribution, for {@code delivery: cloudfront}
 */
public record ProfileProperties(@NotBlank String bucket,
		@NotBlank @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*",
				message = "must be an AWS region name such as eu-west-1") String region,
		@Nullable URI endpoint, @DefaultValue("false") boolean pathStyle, @DefaultValue("") String keyPrefix,
		@NotEmpty Set<Operation> operations, @DefaultValue List<String> contentTypes,
		@Nullable DataSize maxContentLength, @DefaultValue("5m") Duration defaultExpiry,
		@DefaultValue("1h") Duration maxExpiry, @Nullable Duration minExpiry,
		@DefaultValue("false") boolean capExpiryAtMax, @Nullable String requiredScope,
		@DefaultValue List<@Valid ScopeGrant> scopes, @DefaultValue("client") KeyStrategy keyStrategy,
		@DefaultValue @Valid RateLimit rateLimit, @DefaultValue @Valid Multipart multipart,
		@Pattern(regexp = "AES256|aws:kms", message = "must be AES256 or aws:kms") @Nullable String sse,
		@Nullable String kmsKeyId, @Nullable Boolean allowFormKeyPrefix,
		@DefaultValue("false") boolean allowInsecureEndpoint, @DefaultValue("false") boolean requireExisting,
		@DefaultValue("s3") Delivery delivery, @Valid @Nullable CloudFront cloudfront) {

	/**
	 * Where a profile's downloads come from.
	 */
	public enum Delivery {

		/** S3 presigned URLs. */
		S3,

		/** CloudFront signed URLs and cookies. */
		CLOUDFRONT

	}

	/**
	 * A CloudFront distribution whose origin is the profile's bucket, with no origin
	 * path, so that a URL's path is the object's key.
	 *
	 * @param distributionDomain the distribution's host name, such as
	 * {@code d111111abcdef8.cloudfront.net} or an alternate domain name
	 * @param keyPairId the id of the public key in the distribution's trusted key group
	 * @param privateKeyLocation the matching RSA private key, PEM (PKCS#8), as a Spring
	 * resource such as {@code file:/secrets/cf.pem}
	 */
	public record CloudFront(@NotBlank @Pattern(
			regexp = "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+",
			message = "must be a host name such as d111111abcdef8.cloudfront.net, without scheme or path") String distributionDomain,
			@NotBlank @Pattern(regexp = "[A-Z0-9]{8,64}",
					message = "must be a CloudFront public key id such as K2JCJMDEHXQW5F") String keyPairId,
			@NotBlank String privateKeyLocation) {

		CloudFrontDelivery toDelivery() {
			return new CloudFrontDelivery(this.distributionDomain, this.keyPairId, this.privateKeyLocation);
		}

	}

	@AssertTrue(message = "delivery: cloudfront needs cloudfront.distribution-domain, .key-pair-id and "
			+ ".private-key-location, and a cloudfront block needs delivery: cloudfront")
	@ChecksProperty(value = "delivery",
			fix = "with delivery: cloudfront, give cloudfront.distribution-domain, .key-pair-id and .private-key-location; without it, remove the cloudfront block")
	boolean isDeliveryValid() {
		return (this.delivery == Delivery.CLOUDFRONT) == (this.cloudfront != null);
	}

	@Nullable CloudFrontDelivery toCloudFrontDelivery() {
		return (this.delivery == Delivery.CLOUDFRONT && this.cloudfront != null) ? this.cloudfront.toDelivery() : null;
	}

	/**
	 * Multipart uploads.
	 *
	 * @param enabled whether the profile allows them
	 * @param minPartSize the smallest part planned (S3: at least 5MB)
	 * @param maxPartSize the largest part planned (S3: at most 5GB)
	 */
	public record Multipart(@DefaultValue("false") boolean enabled, @DefaultValue("8MB") DataSize minPartSize,
			@DefaultValue("5GB") DataSize maxPartSize) {

		MultipartSettings toSettings() {
			return new MultipartSettings(this.enabled, this.minPartSize.toBytes(), this.maxPartSize.toBytes());
		}

	}

	@AssertTrue(message = "multipart part sizes must satisfy 5MB <= min-part-size <= max-part-size <= 5GB")
	@ChecksProperty(value = "multipart.min-part-size",
			fix = "keep 5MB <= multipart.min-part-size <= multipart.max-part-size <= 5GB")
	boolean isMultipartValid() {
		return accepts(() -> this.multipart.toSettings());
	}

	/**
	 * A URL sent over plain HTTP shows its signature, and the object, to everyone on the
	 * path until it expires; only a store on the same host or network, such as a local
	 * test server, may be reached so.
	 */
	@AssertTrue(message = "endpoint must be an https:// URL; an http:// one needs allow-insecure-endpoint: true "
			+ "(plain HTTP exposes every URL and object on the path, so only for local stores)")
	@ChecksProperty(value = "endpoint",
			fix = "use an https:// endpoint; for a local store on a trusted network only, set allow-insecure-endpoint: true")
	boolean isEndpointSecure() {
		if (this.endpoint == null) {
			return true;
		}
		String scheme = String.valueOf(this.endpoint.getScheme());
		return scheme.equalsIgnoreCase("https") || (scheme.equalsIgnoreCase("http") && this.allowInsecureEndpoint);
	}

	@AssertTrue(message = "kms-key-id needs sse: aws:kms")
	@ChecksProperty(value = "kms-key-id", fix = "set sse: aws:kms, or remove kms-key-id")
	boolean isEncryptionValid() {
		return this.kmsKeyId == null || "aws:kms".equals(this.sse);
	}

	@Nullable Encryption toEncryption() {
		return (this.sse != null) ? new Encryption(this.sse, this.kmsKeyId) : null;
	}

	/**
	 * A scope and what it allows on the profile. A list rather than a map, because scope
	 * names such as {@code docs:read} would lose their punctuation as map keys.
	 *
	 * @param operations the operations it grants
	 */
	public record ScopeGrant(@NotBlank String scope, @NotEmpty Set<Operation> operations) {
	}

	Map<String, Set<Operation>> scopeOperations() {
		Map<String, Set<Operation>> grants = new LinkedHashMap<>();
		this.scopes.forEach((grant) -> grants.merge(grant.scope(), grant.operations(), (a, b) -> {
			Set<Operation> union = EnumSet.copyOf(a);
			union.addAll(b);
			return union;
		}));
		return grants;
	}

	/**
	 * URLs one caller may obtain from the profile per period; a batch of n costs n.
	 *
	 * @param capacity URLs per period, and the largest burst; 0 disables the limit
	 * @param period the refill period
	 */
	public record RateLimit(@DefaultValue("600") @PositiveOrZero long capacity, @DefaultValue("1m") Duration period) {

		io.presign.policy.RateLimit toRateLimit() {
			return (this.capacity == 0) ? io.presign.policy.RateLimit.UNLIMITED
					: new io.presign.policy.RateLimit(this.capacity, this.period);
		}

	}

	@AssertTrue(
			message = "a profile needs required-scope or scopes, and scopes may grant only the profile's operations")
	@ChecksProperty(value = "required-scope",
			fix = "give the profile a required-scope, or scopes that grant only operations the profile has")
	boolean isScopesValid() {
		boolean anyScope = (this.requiredScope != null && !this.requiredScope.isBlank()) || !this.scopes.isEmpty();
		return anyScope && (this.operations == null || this.scopes.stream()
			.allMatch((grant) -> grant.operations() == null || this.operations.containsAll(grant.operations())));
	}

	@AssertTrue(
			message = "key-prefix must be a template that ends with '/' and uses only {principal}, {sub}, {tenant} or {claim:NAME}")
	@ChecksProperty(value = "key-prefix",
			fix = "end the prefix with '/' and use only {principal}, {sub}, {tenant} or {claim:NAME}, such as users/{principal}/")
	boolean isKeyPrefixValid() {
		return accepts(() -> KeyTemplate.parse(this.keyPrefix));
	}

	@AssertTrue(message = "content-types must all be media types such as image/png or image/*")
	@ChecksProperty(value = "content-types", fix = "list media types such as image/png or image/*")
	boolean isContentTypesValid() {
		return accepts(() -> ContentTypePolicy.of(this.contentTypes));
	}

	@AssertTrue(message = "profiles that allow upload need content-types and a positive max-content-length")
	@ChecksProperty(value = "max-content-length",
			fix = "give a profile that allows upload its content-types and a max-content-length such as 10MB")
	boolean isUploadLimitsSet() {
		return this.operations == null || !this.operations.contains(Operation.UPLOAD) || (!this.contentTypes.isEmpty()
				&& this.maxContentLength != null && this.maxContentLength.toBytes() > 0);
	}

	@AssertTrue(message = "expiries must satisfy 1s <= min-expiry <= default-expiry <= max-expiry <= 7d")
	@ChecksProperty(value = "max-expiry",
			fix = "keep 1s <= min-expiry <= default-expiry <= max-expiry <= 7d (SigV4 URLs live 7 days at most)")
	boolean isExpiryRangeValid() {
		return accepts(() -> toExpiryPolicy());
	}

	/**
	 * Whether the policy objects accept this configuration: they hold the rules, so
	 * validation asks them rather than repeating the rules here.
	 */
	private static boolean accepts(Runnable construction) {
		try {
			construction.run();
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	ExpiryPolicy toExpiryPolicy() {
		return new ExpiryPolicy(this.defaultExpiry, this.maxExpiry,
				(this.minExpiry != null) ? this.minExpiry : ExpiryPolicy.defaultMinimum(this.defaultExpiry),
				this.capExpiryAtMax);
	}

}
