package io.presign.policy;

import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * One named policy: where objects live and what callers holding its scope may do with them.
 *
 * @param name the profile's name, as clients give it
 * @param bucket the S3 bucket
 * @param region the bucket's region, which every URL is signed for
 * @param endpoint an S3-compatible endpoint, or {@code null} for AWS
 * @param pathStyle whether to address the bucket in the path rather than the host name
 * @param keyPrefix the template every key starts with
 * @param operations what the profile allows
 * @param contentTypes the media types uploads may declare
 * @param maxContentLength the largest upload, in bytes
 * @param expiry the expiry rules
 * @param requiredScope the scope a caller must hold
 */
public record Profile(String name, String bucket, String region, URI endpoint, boolean pathStyle,
		KeyTemplate keyPrefix, Set<Operation> operations, ContentTypePolicy contentTypes, long maxContentLength,
		ExpiryPolicy expiry, String requiredScope) {

	public Profile {
		operations = Set.copyOf(operations);
	}

	/**
	 * Resolve the full object key a caller may use.
	 * @param caller the caller
	 * @param clientKey the key part the caller chose
	 * @return the full key, starting with the caller's expanded prefix
	 */
	public String keyFor(Caller caller, String clientKey) {
		return ObjectKeyRules.resolve(this.keyPrefix.expand(caller), clientKey);
	}

	/**
	 * Check an upload's declared size.
	 * @param contentLength the size in bytes, or {@code null}
	 * @return the size
	 */
	public long checkContentLength(Long contentLength) {
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
