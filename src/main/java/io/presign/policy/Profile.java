package io.presign.policy;

import java.net.URI;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One named policy: where objects live and what callers holding its scopes may do with
 * them.
 *
 * @param name the profile's name, as clients give it
 * @param bucket the S3 bucket
 * @param region the bucket's region, which every URL is signed for
 * @param endpoint an S3-compatible endpoint; none for AWS
 * @param pathStyle whether to address the bucket in the path rather than the host name
 * @param keyPrefix the template every key starts with
 * @param keyStrategy who names uploaded objects
 * @param operations what the profile allows at most
 * @param scopeOperations finer grants: scope to the operations it allows
 * @param contentTypes the media types uploads may declare
 * @param maxContentLength the largest upload, in bytes
 * @param expiry the expiry rules
 * @param requiredScope the scope granting every operation of the profile
 * @param rateLimit URLs per caller and period
 * @param multipart multipart upload settings
 * @param encryption server-side encryption every upload must request
 * @param formKeyPrefixAllowed whether form uploads may name a {@code keyPrefix}: their
 * policy can only say {@code starts-with}, which is safe where keys are literal (AWS S3)
 * but not on a store that resolves {@code ..} segments
 * @param requireExisting whether downloads are issued only for objects S3 holds, so that
 * a missing object is answered with 404 rather than with a URL that fails with 403
 * @param cloudFront the distribution downloads go through; none for S3 itself
 */
public record Profile(String name, String bucket, String region, @Nullable URI endpoint, boolean pathStyle,
		KeyTemplate keyPrefix, KeyStrategy keyStrategy, Set<Operation> operations,
		Map<String, Set<Operation>> scopeOperations, ContentTypePolicy contentTypes, long maxContentLength,
		ExpiryPolicy expiry, @Nullable String requiredScope, RateLimit rateLimit, MultipartSettings multipart,
		@Nullable Encryption encryption, boolean formKeyPrefixAllowed, boolean requireExisting,
		@Nullable CloudFrontDelivery cloudFront) {

	private static final Pattern EXTENSION = Pattern.compile("[a-z0-9]{1,10}");

	public Profile {
		operations = Set.copyOf(operations);
		scopeOperations = Map.copyOf(scopeOperations);
	}

	/**
	 * A profile whose downloads come from S3 itself.
	 */
	public Profile(String name, String bucket, String region, @Nullable URI endpoint, boolean pathStyle,
			KeyTemplate keyPrefix, KeyStrategy keyStrategy, Set<Operation> operations,
			Map<String, Set<Operation>> scopeOperations, ContentTypePolicy contentTypes, long maxContentLength,
			ExpiryPolicy expiry, @Nullable String requiredScope, RateLimit rateLimit, MultipartSettings multipart,
			@Nullable Encryption encryption, boolean formKeyPrefixAllowed, boolean requireExisting) {
		this(name, bucket, region, endpoint, pathStyle, keyPrefix, keyStrategy, operations, scopeOperations,
				contentTypes, maxContentLength, expiry, requiredScope, rateLimit, multipart, encryption,
				formKeyPrefixAllowed, requireExisting, null);
	}

	/**
	 * A profile that issues downloads without asking S3 whether the object exists.
	 */
	public Profile(String name, String bucket, String region, @Nullable URI endpoint, boolean pathStyle,
			KeyTemplate keyPrefix, KeyStrategy keyStrategy, Set<Operation> operations,
			Map<String, Set<Operation>> scopeOperations, ContentTypePolicy contentTypes, long maxContentLength,
			ExpiryPolicy expiry, @Nullable String requiredScope, RateLimit rateLimit, MultipartSettings multipart,
			@Nullable Encryption encryption, boolean formKeyPrefixAllowed) {
		this(name, bucket, region, endpoint, pathStyle, keyPrefix, keyStrategy, operations, scopeOperations,
				contentTypes, maxContentLength, expiry, requiredScope, rateLimit, multipart, encryption,
				formKeyPrefixAllowed, false);
	}

	/**
	 * A profile whose one scope grants everything, with client-chosen keys and no rate
	 * limit.
	 */
	public Profile(String name, String bucket, String region, URI endpoint, boolean pathStyle, KeyTemplate keyPrefix,
			Set<Operation> operations, ContentTypePolicy contentTypes, long maxContentLength, ExpiryPolicy expiry,
			String requiredScope) {
		this(name, bucket, region, endpoint, pathStyle, keyPrefix, KeyStrategy.CLIENT, operations, Map.of(),
				contentTypes, maxContentLength, expiry, requiredScope, RateLimit.UNLIMITED, MultipartSettings.DISABLED,
				null, endpoint == null);
	}

	/**
	 * The operations a caller's scopes grant on this profile.
	 * @return the granted operations, possibly none
	 */
	public Set<Operation> operationsFor(Caller caller) {
		Set<Operation> granted = EnumSet.noneOf(Operation.class);
		if (this.requiredScope != null && caller.holds(this.requiredScope)) {
			granted.addAll(this.operations);
		}
		this.scopeOperations.forEach((scope, allowed) -> {
			if (caller.holds(scope)) {
				granted.addAll(allowed);
			}
		});
		granted.retainAll(this.operations);
		return granted;
	}

	/**
	 * Resolve the full object key from a key the caller chose below its prefix.
	 * @param clientKey the key part the caller chose
	 * @return the full key, starting with the caller's expanded prefix
	 */
	public String keyFor(Caller caller, @Nullable String clientKey) {
		return ObjectKeyRules.resolve(this.keyPrefix.expand(caller), clientKey);
	}

	/**
	 * Check a full key the caller named, such as one an upload returned.
	 * @param fullKey the full object key
	 * @return the key
	 * @throws PolicyViolation 400 if malformed, 403 if outside the caller's prefix
	 */
	public String checkFullKey(Caller caller, @Nullable String fullKey) {
		return checkFullKey(caller, fullKey, "fullKey");
	}

	/**
	 * Check a full key the caller named in a field of another name, such as a multipart
	 * upload's {@code key}.
	 * @param fullKey the full object key
	 * @param field the request field that carried it, named in refusals
	 * @return the key
	 * @throws PolicyViolation 400 if malformed, 403 if outside the caller's prefix
	 */
	public String checkFullKey(Caller caller, @Nullable String fullKey, String field) {
		String prefix = this.keyPrefix.expand(caller);
		String key = ObjectKeyRules.resolve("", fullKey, field);
		if (!key.startsWith(prefix) || key.length() == prefix.length()) {
			throw new PolicyViolation(Rule.KEY_OUTSIDE_PREFIX, field,
					"The key is outside the caller's prefix '" + prefix + "'");
		}
		return key;
	}

	/**
	 * A fresh key below the caller's prefix: a UUID, with the extension of the client's
	 * file name when it is a plain one.
	 * @param fileNameHint the client's file name
	 * @return the generated full key
	 */
	public String generatedKeyFor(Caller caller, @Nullable String fileNameHint) {
		String extension = "";
		if (fileNameHint != null) {
			int dot = fileNameHint.lastIndexOf('.');
			String candidate = (dot >= 0) ? fileNameHint.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
			if (EXTENSION.matcher(candidate).matches()) {
				extension = "." + candidate;
			}
		}
		return ObjectKeyRules.resolve(this.keyPrefix.expand(caller), UUID.randomUUID() + extension);
	}

	/**
	 * Check an upload's declared size.
	 * @param contentLength the size in bytes
	 * @return the size
	 */
	public long checkContentLength(@Nullable Long contentLength) {
		if (contentLength == null || contentLength <= 0) {
			throw new PolicyViolation(Rule.CONTENT_LENGTH_INVALID, "contentLength",
					"The content length must be a positive number of bytes");
		}
		if (contentLength > this.maxContentLength) {
			throw new PolicyViolation(Rule.CONTENT_LENGTH_TOO_LARGE, "contentLength",
					"The content length must not exceed " + this.maxContentLength + " bytes",
					Map.of("maxContentLength", this.maxContentLength));
		}
		return contentLength;
	}

}
