package io.presign.policy;

import java.util.List;

/**
 * Many downloads from one profile in one request.
 *
 * @param profile the profile name
 * @param keys keys below the caller's prefix
 * @param fullKeys full object keys
 * @param disposition inline or attachment for every item, or {@code null}
 * @param expiresInSeconds the wished expiry of every URL, or {@code null}
 */
public record BatchDownloadIntent(String profile, List<String> keys, List<String> fullKeys, Disposition disposition,
		Long expiresInSeconds) {

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
