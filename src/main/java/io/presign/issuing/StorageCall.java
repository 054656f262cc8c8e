package io.presign.issuing;

import java.util.Locale;

import io.presign.policy.Profile;
import org.jspecify.annotations.Nullable;

/**
 * A call the service made to S3 itself on a caller's behalf (multipart start, completion,
 * abort, listing), for the audit trail: the object it touched and what came of it.
 *
 * @param action what the service asked S3
 * @param profile the profile it was allowed on
 * @param key the object's full key
 * @param uploadId the multipart upload, when known
 * @param ticketed whether a ticket stood in for the caller's credentials
 * @param outcome what came of it
 * @param code the refusal's problem code, on failure
 * @param s3Code S3's error code, when S3 refused
 */
public record StorageCall(Action action, Profile profile, String key, @Nullable String uploadId, boolean ticketed,
		Outcome outcome, @Nullable String code, @Nullable String s3Code) {

	/**
	 * What the service asked S3.
	 */
	public enum Action {

		/** CreateMultipartUpload. */
		MULTIPART_START,

		/** CompleteMultipartUpload, after listing the parts. */
		MULTIPART_COMPLETE,

		/** AbortMultipartUpload. */
		MULTIPART_ABORT,

		/** ListParts, for the caller. */
		MULTIPART_LIST_PARTS;

		/**
		 * @return the name in logs, such as {@code multipart-start}
		 */
		public String wireName() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

	/**
	 * What came of a call.
	 */
	public enum Outcome {

		/** S3 did it. */
		SUCCESS,

		/**
		 * A ticket redeemed again: answered from its first redemption, without calling
		 * S3.
		 */
		REPLAYED,

		/** Refused, by the service or by S3. */
		FAILURE;

		/**
		 * @return the name in logs
		 */
		public String wireName() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
