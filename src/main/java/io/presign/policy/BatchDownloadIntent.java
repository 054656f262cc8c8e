package io.presign.policy;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Many downloads from one profile in one request.
 *
 * @param profile the profile name
 * @param keys keys below the caller's prefix
 * @param fullKeys full object keys
 * @param disposition inline or attachment for every item
 * @param expiresInSeconds the wished expiry of every URL
 */
public record BatchDownloadIntent(String profile, List<String> keys, List<String> fullKeys,
		@Nullable Disposition disposition, @Nullable Long expiresInSeconds) {

	public BatchDownloadIntent {
		keys = (keys != null) ? keys : List.of();
		fullKeys = (fullKeys != null) ? fullKeys : List.of();
	}

	/**
	 * @return how many URLs are asked for
	 */
	public int size() {
		return this.keys.size() + this.fullKeys.size();
	}

}
