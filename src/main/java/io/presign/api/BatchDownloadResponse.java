package io.presign.api;

import io.presign.issuing.IssuedUrl;
import io.presign.policy.PolicyViolation;

import java.util.List;

import io.presign.issuing.BatchResult;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * One entry per requested key: its URL, or why it was refused.
 *
 * @param items the entries, in request order ({@code keys}, then {@code fullKeys})
 */
@Schema(description = "One URL or one error per requested key")
public record BatchDownloadResponse(List<Item> items) {

	static BatchDownloadResponse of(List<BatchResult> results) {
		return new BatchDownloadResponse(results.stream().map(Item::of).toList());
	}

	/**
	 * One requested key.
	 *
	 * @param key the key as requested, when given in {@code keys}
	 * @param fullKey the key as requested, when given in {@code fullKeys}
	 * @param download the URL; none on error
	 * @param error why the key was refused
	 */
	public record Item(@Nullable String key, @Nullable String fullKey, @Nullable PresignedUrlResponse download,
			@Nullable Error error) {

		static Item of(BatchResult result) {
			String requested = result.item().requested();
			boolean full = result.item().full();
			IssuedUrl url = result.url();
			PolicyViolation refusal = result.item().refusal();
			if (url == null && refusal != null) {
				return new Item(full ? null : requested, full ? requested : null, null,
						new Error(refusal.rule().code(), refusal.detail()));
			}
			if (url == null) {
				throw new IllegalStateException("A batch item with neither a URL nor a refusal");
			}
			return new Item(full ? null : requested, full ? requested : null, PresignedUrlResponse.of(url), null);
		}

	}

	/**
	 * A refused item.
	 *
	 * @param code the problem code, as in problem documents
	 * @param detail what is wrong
	 */
	public record Error(String code, String detail) {
	}

}
