package io.presign.policy;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * What one upload's object must carry, resolved for its caller, and signed into the
 * upload so that S3 enforces it: no overwrite of an existing object, user metadata, tags,
 * a storage class and a checksum.
 *
 * @param createOnly whether the upload may only create the object, never replace one
 * @param metadata user metadata, by name without {@code x-amz-meta-}, in name order
 * @param tags object tags, in name order
 * @param storageClass the storage class, or none for the bucket's default
 * @param checksum a checksum S3 checks, or none
 */
public record ObjectStamp(boolean createOnly, SortedMap<String, String> metadata, SortedMap<String, String> tags,
		@Nullable String storageClass, @Nullable Checksum checksum) {

	/** Nothing stamped: today's uploads. */
	public static final ObjectStamp NONE = new ObjectStamp(false, new TreeMap<>(), new TreeMap<>(), null, null);

	public ObjectStamp {
		metadata = Collections.unmodifiableSortedMap(new TreeMap<>(metadata));
		tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
	}

	/**
	 * @param checksum the whole object's checksum an upload in parts is completed with,
	 * or none
	 * @return a stamp of that checksum alone, for the completion's audit event and
	 * metrics (the rest of the stamp was the start's)
	 */
	public static ObjectStamp ofChecksum(@Nullable Checksum checksum) {
		return NONE.withChecksum(checksum);
	}

	/**
	 * @param checksum the body's checksum, or none
	 * @return the same with that checksum
	 */
	ObjectStamp withChecksum(@Nullable Checksum checksum) {
		return new ObjectStamp(this.createOnly, this.metadata, this.tags, this.storageClass, checksum);
	}

	/**
	 * @return whether anything is stamped
	 */
	public boolean isEmpty() {
		return !this.createOnly && this.metadata.isEmpty() && this.tags.isEmpty() && this.storageClass == null
				&& this.checksum == null;
	}

	/**
	 * @return the rules this stamp applies, for the audit trail and metrics:
	 * {@code create-only}, {@code metadata}, {@code tags}, {@code storage-class},
	 * {@code checksum}
	 */
	public Map<String, Object> summary() {
		Map<String, Object> summary = new TreeMap<>();
		if (this.createOnly) {
			summary.put("create-only", true);
		}
		if (!this.metadata.isEmpty()) {
			summary.put("metadata", this.metadata.keySet());
		}
		if (!this.tags.isEmpty()) {
			summary.put("tags", this.tags.keySet());
		}
		if (this.storageClass != null) {
			summary.put("storage-class", this.storageClass);
		}
		if (this.checksum != null) {
			summary.put("checksum", this.checksum.algorithm().wireName());
		}
		return summary;
	}

}
