package io.presign.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.awaitility.Awaitility;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An in-memory S3-compatible server (S3Proxy) that validates SigV4 signatures, so URLs
 * issued against it are checked for real: a wrong header, key, signature or an expired
 * URL is refused as S3 would.
 */
public final class EmbeddedS3Server implements AutoCloseable {

	/** Access key id the server accepts. */
	public static final String ACCESS_KEY_ID = "AKIAEMBEDDEDS3PROXY0";

	/** Secret the server accepts. */
	public static final String SECRET_ACCESS_KEY = "embedded-s3-secret-key-not-for-production";

	/**
	 * The methods the CORS rule allows: those the bucket-policy endpoint's rule lists.
	 */
	public static final List<String> CORS_METHODS = List.of("GET", "PUT", "POST", "DELETE", "HEAD");

	private static EmbeddedS3Server shared;

	private final S3Proxy proxy;

	private final BlobStore store;

	private EmbeddedS3Server(S3Proxy proxy, BlobStore store) {
		this.proxy = proxy;
		this.store = store;
	}

	/**
	 * Start a server on a port of the loopback interface.
	 * @param port the port, 0 for any free one
	 * @return the running server
	 */
	public static EmbeddedS3Server start(int port) {
		Properties properties = new Properties();
		properties.setProperty("jclouds.identity", ACCESS_KEY_ID);
		properties.setProperty("jclouds.credential", SECRET_ACCESS_KEY);
		BlobStore store = BlobStores.create("transient", properties);
		S3Proxy proxy = S3Proxy.builder()
			.blobStore(store)
			.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY_ID, SECRET_ACCESS_KEY)
			// The rule bucket-policy answers for browsers (Uppy's included), with any
			// origin: a local server.
			.corsRules(
					new CrossOriginResourceSharing(List.of("*"), CORS_METHODS, List.of("*"), List.of("ETag"), "false"))
			.endpoint(URI.create("http://127.0.0.1:" + port))
			.build();
		try {
			proxy.start();
			Awaitility.await("S3Proxy starts")
				.atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(10))
				.until(() -> "STARTED".equals(proxy.getState()));
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not start the embedded S3 server", ex);
		}
		return new EmbeddedS3Server(proxy, store);
	}

	/**
	 * One server for the whole test JVM, started on first use and stopped when the JVM
	 * exits.
	 * @return the shared server
	 */
	public static synchronized EmbeddedS3Server shared() {
		if (shared == null) {
			shared = start(0);
			Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
		}
		return shared;
	}

	/**
	 * Create a bucket unless it exists.
	 * @param bucket the bucket name
	 * @return this server
	 */
	public synchronized EmbeddedS3Server createBucket(String bucket) {
		if (!this.store.containerExists(bucket)) {
			this.store.createContainer(bucket);
		}
		return this;
	}

	/**
	 * @param bucket a bucket
	 * @param key a key
	 * @return whether the object exists
	 */
	public boolean exists(String bucket, String key) {
		return this.store.blobExists(bucket, key);
	}

	/**
	 * @return the keys of the objects under a prefix, read straight from the server
	 */
	public List<String> keys(String bucket, String prefix) {
		return this.store.list(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build())
			.contents()
			.stream()
			.map(S3Object::key)
			.toList();
	}

	/**
	 * @return the keys of the multipart uploads in progress under a prefix
	 */
	public List<String> uploadsInProgress(String bucket, String prefix) {
		return this.store.listMultipartUploads(bucket)
			.stream()
			.map(MultipartUpload::key)
			.filter((key) -> key.startsWith(prefix))
			.toList();
	}

	/**
	 * @return the object's bytes, read straight from the server
	 */
	public byte[] read(String bucket, String key) {
		try (InputStream in = this.store.getBlob(bucket, key)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Store an object straight in the server, bypassing the service.
	 * @param bucket the bucket
	 * @param key the key
	 * @param bytes the content
	 * @param contentType its Content-Type
	 */
	public void put(String bucket, String key, byte[] bytes, String contentType) {
		this.store.putBlob(PutObjectRequest.builder()
			.bucket(bucket)
			.key(key)
			.contentLength((long) bytes.length)
			.contentType(contentType)
			.build(), new ByteArrayInputStream(bytes));
	}

	/**
	 * Upload a part straight to the server with its own credentials, bypassing the
	 * service: what a caller holding some other way into the bucket could do.
	 * @param bucket the bucket
	 * @param key the upload's key
	 * @param uploadId the upload
	 * @param partNumber the part
	 * @param bytes the part's bytes
	 * @return the part's ETag
	 */
	public String uploadPart(String bucket, String key, String uploadId, int partNumber, byte[] bytes) {
		try (S3Client s3 = client(endpoint())) {
			return s3
				.uploadPart((part) -> part.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber),
						RequestBody.fromBytes(bytes))
				.eTag();
		}
	}

	/**
	 * @param endpoint an embedded server's endpoint
	 * @return an S3 client of that server, with its credentials
	 */
	public static S3Client client(URI endpoint) {
		return S3Client.builder()
			.endpointOverride(endpoint)
			.region(Region.US_EAST_1)
			.forcePathStyle(true)
			.credentialsProvider(
					StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
			.build();
	}

	/**
	 * @return the base URI, for example {@code http://127.0.0.1:41234}
	 */
	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.proxy.getPort());
	}

	@Override
	public void close() {
		try {
			this.proxy.stop();
		}
		catch (Exception ex) {
			// Stopping at JVM exit: nothing useful to do with a failure.
		}
	}

}
