package io.presign.signing;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

import io.presign.policy.Checksum;
import io.presign.policy.DownloadGrant;
import io.presign.policy.Encryption;
import io.presign.policy.MultipartCallGrant;
import io.presign.policy.ObjectStamp;
import io.presign.policy.Profile;
import io.presign.policy.UploadGrant;
import io.presign.policy.UploadPartGrant;
import org.jspecify.annotations.Nullable;

/**
 * One S3 request that a URL lets its holder make, as policy granted it, and independent
 * of what signs it: each kind of grant becomes exactly one of these, and every
 * {@link SigningEngine} signs any of them.
 *
 * @param operation the S3 operation, which fixes the method
 * @param profile the profile, whose bucket, region and endpoint the URL is for
 * @param key the full object key
 * @param parameters the request's own query parameters, such as {@code versionId} or
 * {@code partNumber}
 * @param headers the headers the URL signs and the client must send, besides
 * {@code Host}; names in lower case
 */
record S3Request(S3Operation operation, Profile profile, String key, SortedMap<String, String> parameters,
		SortedMap<String, String> headers) {

	private static final SortedMap<String, String> NONE = Collections.emptySortedMap();

	S3Request {
		parameters = parameters.isEmpty() ? NONE : Collections.unmodifiableSortedMap(parameters);
		headers = headers.isEmpty() ? NONE : Collections.unmodifiableSortedMap(headers);
	}

	/**
	 * @return a GetObject, with its version and the Content-Disposition S3 answers with
	 */
	static S3Request download(DownloadGrant grant) {
		SortedMap<String, String> parameters = NONE;
		if (grant.versionId() != null || grant.contentDisposition() != null || grant.responseContentType() != null) {
			parameters = new TreeMap<>();
			putIfPresent(parameters, "versionId", grant.versionId());
			putIfPresent(parameters, "response-content-disposition", grant.contentDisposition());
			putIfPresent(parameters, "response-content-type", grant.responseContentType());
		}
		return new S3Request(S3Operation.GET_OBJECT, grant.profile(), grant.key(), parameters, NONE);
	}

	/**
	 * @return a PutObject that signs the declared type and length, the body's digests,
	 * the profile's encryption and what the object must carry, so that a client can
	 * change none of them
	 */
	static S3Request upload(UploadGrant grant) {
		SortedMap<String, String> headers = new TreeMap<>();
		headers.put("content-type", grant.contentType());
		headers.put("content-length", Long.toString(grant.contentLength()));
		putIfPresent(headers, "content-md5", grant.contentMd5());
		putIfPresent(headers, "x-amz-checksum-sha256", grant.checksumSha256());
		putEncryption(headers, grant.profile());
		putStamp(headers, grant.stamp());
		return new S3Request(S3Operation.PUT_OBJECT, grant.profile(), grant.key(), NONE, headers);
	}

	/**
	 * @return an UploadPart that signs the part's planned length, where the plan knows
	 * it, and its checksum, where the upload has one
	 */
	static S3Request uploadPart(UploadPartGrant grant) {
		SortedMap<String, String> parameters = new TreeMap<>();
		parameters.put("partNumber", Integer.toString(grant.partNumber()));
		parameters.put("uploadId", grant.uploadId());
		SortedMap<String, String> headers = NONE;
		if (grant.contentLength() != null || grant.checksum() != null) {
			headers = new TreeMap<>();
			if (grant.contentLength() != null) {
				headers.put("content-length", Long.toString(grant.contentLength()));
			}
			putChecksum(headers, grant.checksum());
		}
		return new S3Request(S3Operation.UPLOAD_PART, grant.profile(), grant.key(), parameters, headers);
	}

	/**
	 * @return a ListParts or an AbortMultipartUpload
	 */
	static S3Request multipartCall(MultipartCallGrant grant) {
		SortedMap<String, String> parameters = new TreeMap<>();
		parameters.put("uploadId", grant.uploadId());
		S3Operation operation = switch (grant.call()) {
			case LIST_PARTS -> S3Operation.LIST_PARTS;
			case ABORT -> S3Operation.ABORT_MULTIPART_UPLOAD;
		};
		return new S3Request(operation, grant.profile(), grant.key(), parameters, NONE);
	}

	private static void putEncryption(SortedMap<String, String> headers, Profile profile) {
		Encryption encryption = profile.encryption();
		if (encryption != null) {
			headers.put("x-amz-server-side-encryption", encryption.algorithm());
			putIfPresent(headers, "x-amz-server-side-encryption-aws-kms-key-id", encryption.kmsKeyId());
		}
	}

	/**
	 * The headers by which S3 enforces what an object must carry: {@code If-None-Match:
	 * *} (create only), user metadata, tags, storage class and an additional checksum.
	 */
	private static void putStamp(SortedMap<String, String> headers, ObjectStamp stamp) {
		if (stamp.isEmpty()) {
			return;
		}
		if (stamp.createOnly()) {
			headers.put("if-none-match", "*");
		}
		stamp.metadata().forEach((name, value) -> headers.put("x-amz-meta-" + name, value));
		if (!stamp.tags().isEmpty()) {
			headers.put("x-amz-tagging", tagging(stamp));
		}
		putIfPresent(headers, "x-amz-storage-class", stamp.storageClass());
		putChecksum(headers, stamp.checksum());
	}

	private static void putChecksum(SortedMap<String, String> headers, @Nullable Checksum checksum) {
		if (checksum != null) {
			headers.put("x-amz-checksum-" + checksum.algorithm().wireName(), checksum.value());
		}
	}

	/**
	 * @return the tags as S3's {@code x-amz-tagging} header has them: a URL query
	 */
	static String tagging(ObjectStamp stamp) {
		StringBuilder tagging = new StringBuilder();
		stamp.tags().forEach((key, value) -> {
			if (!tagging.isEmpty()) {
				tagging.append('&');
			}
			tagging.append(S3Escaper.encode(key)).append('=').append(S3Escaper.encode(value));
		});
		return tagging.toString();
	}

	private static void putIfPresent(SortedMap<String, String> map, String name, @Nullable String value) {
		if (value != null) {
			map.put(name, value);
		}
	}

	/**
	 * @return the HTTP method the URL signs
	 */
	String method() {
		return this.operation.method();
	}

	/**
	 * The S3 operations a URL can carry.
	 */
	enum S3Operation {

		/** GetObject. */
		GET_OBJECT("GET"),

		/** PutObject. */
		PUT_OBJECT("PUT"),

		/** UploadPart of a multipart upload. */
		UPLOAD_PART("PUT"),

		/** ListParts of a multipart upload. */
		LIST_PARTS("GET"),

		/** AbortMultipartUpload. */
		ABORT_MULTIPART_UPLOAD("DELETE");

		private final String method;

		S3Operation(String method) {
			this.method = method;
		}

		String method() {
			return this.method;
		}

	}

}
