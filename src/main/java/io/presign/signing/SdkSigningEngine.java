package io.presign.signing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * Signs with the AWS SDK's {@code S3Presigner}, the profile's region's one. The presigner
 * has no ListParts, so that one is signed by the SDK's own SigV4 signer
 * ({@code AwsV4HttpSigner}, which the presigner is built on), for the host the SDK's
 * endpoint rules give. Every signature of this engine is computed by the SDK.
 */
final class SdkSigningEngine implements SigningEngine {

	private final PresignerRegistry presigners;

	private final S3Endpoints endpoints;

	private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

	SdkSigningEngine(PresignerRegistry presigners, S3Endpoints endpoints) {
		this.presigners = presigners;
		this.endpoints = endpoints;
	}

	@Override
	public Signed presign(S3Request request, AwsCredentials credentials, Instant signedAt, Duration lifetime) {
		S3Presigner presigner = this.presigners.presignerFor(request.profile());
		AwsCredentialsProvider provider = StaticCredentialsProvider.create(credentials);
		String bucket = request.profile().bucket();
		PresignedRequest presigned = switch (request.operation()) {
			case GET_OBJECT -> presigner.presignGetObject((presign) -> presign.signatureDuration(lifetime)
				.getObjectRequest(
						get(bucket, request).overrideConfiguration((o) -> o.credentialsProvider(provider)).build()));
			case PUT_OBJECT -> presigner.presignPutObject((presign) -> presign.signatureDuration(lifetime)
				.putObjectRequest(
						put(bucket, request).overrideConfiguration((o) -> o.credentialsProvider(provider)).build()));
			case UPLOAD_PART -> presigner.presignUploadPart((presign) -> presign.signatureDuration(lifetime)
				.uploadPartRequest(
						part(bucket, request).overrideConfiguration((o) -> o.credentialsProvider(provider)).build()));
			case ABORT_MULTIPART_UPLOAD ->
				presigner.presignAbortMultipartUpload((presign) -> presign.signatureDuration(lifetime)
					.abortMultipartUploadRequest(AbortMultipartUploadRequest.builder()
						.bucket(bucket)
						.key(request.key())
						.uploadId(request.parameters().get("uploadId"))
						.overrideConfiguration((o) -> o.credentialsProvider(provider))
						.build()));
			case LIST_PARTS -> null;
		};
		if (presigned == null) {
			return listParts(request, credentials, signedAt, lifetime);
		}
		// X-Amz-Date has whole seconds, so the URL really expires at the whole second
		// before expiration().
		return new Signed(presigned.url().toString(), presigned.expiration().truncatedTo(ChronoUnit.SECONDS));
	}

	private static GetObjectRequest.Builder get(String bucket, S3Request request) {
		GetObjectRequest.Builder get = GetObjectRequest.builder().bucket(bucket).key(request.key());
		for (Map.Entry<String, String> parameter : request.parameters().entrySet()) {
			switch (parameter.getKey()) {
				case "versionId" -> get.versionId(parameter.getValue());
				case "response-content-disposition" -> get.responseContentDisposition(parameter.getValue());
				case "response-content-type" -> get.responseContentType(parameter.getValue());
				default -> throw unmapped("parameter", parameter.getKey());
			}
		}
		return get;
	}

	private static PutObjectRequest.Builder put(String bucket, S3Request request) {
		PutObjectRequest.Builder put = PutObjectRequest.builder().bucket(bucket).key(request.key());
		Map<String, String> metadata = new TreeMap<>();
		for (Map.Entry<String, String> header : request.headers().entrySet()) {
			String value = header.getValue();
			if (header.getKey().startsWith("x-amz-meta-")) {
				metadata.put(header.getKey().substring("x-amz-meta-".length()), value);
				continue;
			}
			switch (header.getKey()) {
				case "content-type" -> put.contentType(value);
				case "content-length" -> put.contentLength(Long.parseLong(value));
				case "content-md5" -> put.contentMD5(value);
				case "x-amz-checksum-sha256" -> put.checksumSHA256(value);
				case "x-amz-server-side-encryption" -> put.serverSideEncryption(value);
				case "x-amz-server-side-encryption-aws-kms-key-id" -> put.ssekmsKeyId(value);
				case "if-none-match" -> put.ifNoneMatch(value);
				case "x-amz-tagging" -> put.tagging(value);
				case "x-amz-storage-class" -> put.storageClass(value);
				case "x-amz-checksum-crc32" -> put.checksumCRC32(value);
				case "x-amz-checksum-crc32c" -> put.checksumCRC32C(value);
				case "x-amz-checksum-crc64nvme" -> put.checksumCRC64NVME(value);
				case "x-amz-checksum-sha1" -> put.checksumSHA1(value);
				default -> throw unmapped("header", header.getKey());
			}
		}
		if (!metadata.isEmpty()) {
			put.metadata(metadata);
		}
		return put;
	}

	private static UploadPartRequest.Builder part(String bucket, S3Request request) {
		UploadPartRequest.Builder part = UploadPartRequest.builder()
			.bucket(bucket)
			.key(request.key())
			.uploadId(request.parameters().get("uploadId"))
			.partNumber(Integer.valueOf(request.parameters().get("partNumber")));
		for (Map.Entry<String, String> header : request.headers().entrySet()) {
			String value = header.getValue();
			switch (header.getKey()) {
				case "content-length" -> part.contentLength(Long.parseLong(value));
				case "x-amz-checksum-crc32" -> part.checksumCRC32(value);
				case "x-amz-checksum-crc32c" -> part.checksumCRC32C(value);
				case "x-amz-checksum-crc64nvme" -> part.checksumCRC64NVME(value);
				default -> throw unmapped("header", header.getKey());
			}
		}
		return part;
	}

	private Signed listParts(S3Request request, AwsCredentials credentials, Instant signedAt, Duration lifetime) {
		S3Endpoints.Target target = this.endpoints.of(request.profile());
		String[] authority = target.host().split(":", 2);
		SdkHttpRequest.Builder http = SdkHttpRequest.builder()
			.method(SdkHttpMethod.GET)
			.protocol(target.scheme())
			.host(authority[0])
			.encodedPath(target.pathPrefix() + SdkHttpUtils.urlEncodeIgnoreSlashes(request.key()));
		if (authority.length > 1) {
			http.port(Integer.parseInt(authority[1]));
		}
		request.parameters().forEach(http::putRawQueryParameter);
		SdkHttpRequest signed = this.signer
			.sign((sign) -> sign.identity(credentials)
				.request(http.build())
				.putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
				.putProperty(AwsV4HttpSigner.REGION_NAME, request.profile().region())
				.putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
				.putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, lifetime)
				.putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
				.putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
				.putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
				.putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)))
			.request();
		return new Signed(signed.getUri().toString(), signedAt.plus(lifetime));
	}

	private static IllegalArgumentException unmapped(String what, String name) {
		return new IllegalArgumentException("The SDK engine signs no " + what + " '" + name + "'");
	}

}
