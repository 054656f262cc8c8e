package io.presign.signing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.context.ContextExecutorService;
import io.micrometer.context.ContextSnapshotFactory;
import io.presign.policy.PolicyViolation;
import io.presign.policy.Profile;
import io.presign.policy.Rule;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * HeadObject through the profile's S3 client, whose calls are bounded by
 * {@code presign.signing.aws-call-timeout}. A batch's keys are asked on a pool of
 * threads, under one deadline for the whole batch; when the pool's queue is full the
 * batch is refused at once (503) rather than left to wait for a deadline it cannot meet.
 * Each caller's rate limit, counted before S3 is asked, bounds how much of the pool one
 * caller can take.
 */
final class S3StoredObjects implements StoredObjects, AutoCloseable {

	/**
	 * HeadObject calls in flight at once, across all requests: they wait on the network,
	 * not the CPU.
	 */
	static final int PARALLEL_HEADS = 32;

	/** HeadObject calls waiting for a thread, across all requests: 20 batches of 100. */
	static final int QUEUED_HEADS = 2_000;

	private final PresignerRegistry clients;

	private final Duration callTimeout;

	private final ExecutorService heads;

	S3StoredObjects(PresignerRegistry clients, Duration callTimeout) {
		this.clients = clients;
		this.callTimeout = callTimeout;
		AtomicInteger count = new AtomicInteger();
		ThreadFactory threads = (task) -> {
			Thread thread = new Thread(task, "presign-head-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		// The request's context (its trace, above all) goes along to the pool's threads:
		// a batch's HeadObject
		// spans are children of the request's.
		this.heads = ContextExecutorService.wrap(
				new ThreadPoolExecutor(PARALLEL_HEADS, PARALLEL_HEADS, 0, TimeUnit.MILLISECONDS,
						new ArrayBlockingQueue<>(QUEUED_HEADS), threads, new ThreadPoolExecutor.AbortPolicy()),
				ContextSnapshotFactory.builder().build()::captureAll);
	}

	@Override
	public Optional<StoredObject> head(Profile profile, String key, @Nullable String versionId) {
		HeadObjectResponse head;
		try {
			head = this.clients.clientFor(profile)
				.headObject((request) -> request.bucket(profile.bucket()).key(key).versionId(versionId));
		}
		catch (AwsServiceException ex) {
			// 404: no such key (HEAD answers carry no error code, so a missing bucket
			// looks the same); 405: the
			// version asked for is a delete marker, an object that is gone.
			if (ex.statusCode() == 404 || (ex.statusCode() == 405 && versionId != null)) {
				return Optional.empty();
			}
			if (ex.statusCode() == 400 && versionId != null) {
				throw new PolicyViolation(Rule.REQUEST_INVALID, "versionId", "S3 does not accept this version id");
			}
			// 403 here means the signing identity may not read, or may not list the
			// bucket, which S3 then
			// answers for a missing key: the URL would fail too, so the service cannot
			// answer for the object.
			throw new SigningUnavailableException("S3 answered HeadObject with " + ex.statusCode()
					+ ((ex.awsErrorDetails() != null) ? " " + ex.awsErrorDetails().errorCode() : ""), ex);
		}
		catch (SdkException ex) {
			throw new SigningUnavailableException("S3 could not be asked whether the object exists: " + ex.getMessage(),
					ex);
		}
		return Optional.of(new StoredObject(head.contentLength(), head.contentType(), head.lastModified()));
	}

	@Override
	public List<Optional<StoredObject>> headAll(Profile profile, List<String> keys) {
		if (keys.size() == 1) {
			return List.of(head(profile, keys.get(0), null));
		}
		List<Future<Optional<StoredObject>>> answers = new ArrayList<>(keys.size());
		try {
			for (String key : keys) {
				answers.add(this.heads.submit(() -> head(profile, key, null)));
			}
		}
		catch (RejectedExecutionException ex) {
			answers.forEach((answer) -> answer.cancel(true));
			throw new SigningUnavailableException("Too many objects are being looked up in S3 right now", ex);
		}
		long deadline = System.nanoTime() + this.callTimeout.toNanos();
		List<Optional<StoredObject>> objects = new ArrayList<>(keys.size());
		try {
			for (Future<Optional<StoredObject>> answer : answers) {
				objects.add(answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
			}
			return objects;
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (TimeoutException | CancellationException ex) {
			throw new SigningUnavailableException(
					"S3 did not say within " + this.callTimeout.toMillis() + " ms whether the batch's objects exist",
					ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SigningUnavailableException("Interrupted while asking S3 whether the objects exist", ex);
		}
		finally {
			answers.forEach((answer) -> answer.cancel(true));
		}
	}

	@Override
	public void close() {
		this.heads.shutdownNow();
	}

}
