package io.presign.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.presign.issuing.IssuedCookies;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * CloudFront signed cookies, with where they belong and the same policy as query
 * parameters.
 *
 * @param cookies the three cookies, by name
 * @param domain the distribution's host name: set the cookies for it (or a parent domain
 * it shares with the frontend)
 * @param path the cookies' path: the prefix
 * @param resource what they grant: every URL under the prefix
 * @param query the same policy as a query string, for a URL under the prefix without
 * cookies
 * @param expiresAt when they stop working
 * @param expiresInSeconds their lifetime
 * @param expiryCappedBy {@code policy} when the profile capped the wish
 */
@Schema(description = "CloudFront signed cookies for every object under a prefix")
record SignedCookiesResponse(
		@Schema(example = "{\"CloudFront-Policy\":\"eyJTdGF0ZW1lbnQi...\",\"CloudFront-Signature\":\"Nql641...\","
				+ "\"CloudFront-Key-Pair-Id\":\"K2JCJMDEHXQW5F\"}") Map<String, String> cookies,
		@Schema(example = "d111111abcdef8.cloudfront.net") String domain,
		@Schema(example = "/users/alice/albums/2026/") String path,
		@Schema(example = "https://d111111abcdef8.cloudfront.net/users/alice/albums/2026/*") String resource,
		@Schema(example = "Policy=eyJTdGF0ZW1lbnQi...&Signature=Nql641...&Key-Pair-Id=K2JCJMDEHXQW5F") String query,
		Instant expiresAt, @Schema(example = "3600") long expiresInSeconds, @Schema(allowableValues = {
				"policy" }) @Nullable String expiryCappedBy){

	static SignedCookiesResponse of(IssuedCookies signed) {
		// Insertion order as CloudFront documents them.
		Map<String, String> cookies = new LinkedHashMap<>();
		cookies.put("CloudFront-Policy", signed.policy());
		cookies.put("CloudFront-Signature", signed.signature());
		cookies.put("CloudFront-Key-Pair-Id", signed.keyPairId());
		String query = "Policy=" + signed.policy() + "&Signature=" + signed.signature() + "&Key-Pair-Id="
				+ signed.keyPairId();
		return new SignedCookiesResponse(cookies, signed.domain(), signed.path(), signed.resource(), query,
				signed.expiresAt(), signed.lifetime().toSeconds(),
				(signed.cappedBy() != null) ? signed.cappedBy().wireName() : null);
	}

}
