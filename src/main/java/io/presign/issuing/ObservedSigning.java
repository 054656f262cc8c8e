package io.presign.issuing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.presign.policy.Caller;
import io.presign.policy.Profile;
import io.presign.signing.PresignedUrl;

/**
 * The part of issuing every kind of URL shares, whichever service issues it: the policy
 * decision and the signing observed, and the observers (metrics, audit) told once per
 * request, with the facts and never the URLs.
 */
public final class ObservedSigning {

	private final List<IssuanceObserver> observers;

	private final ObservationRegistry observations;

	/**
	 * @param observers told of every issued URL
	 * @param observations where the policy decision and the signing of each request are
	 * observed (spans)
	 */
	public ObservedSigning(List<IssuanceObserver> observers, ObservationRegistry observations) {
		this.observers = List.copyOf(observers);
		this.observations = observations;
	}

	/**
	 * Signs one request's URLs (they share profile, credentials and lifetime) and tells
	 * the observers once.
	 * @param keys the full key of each URL, in the order the signer returns them
	 * @param signing what signs them
	 * @return the issued URLs, in order
	 */
	public List<IssuedUrl> sign(Caller caller, Profile profile, UrlKind kind, List<String> keys,
			Supplier<List<PresignedUrl>> signing) {
		long[] took = new long[1];
		List<PresignedUrl> urls = Observation.createNotStarted("presign.sign", this.observations)
			.lowCardinalityKeyValue("operation", kind.wireName())
			.observe(() -> {
				// Timed inside the observation, so that presign_signing_seconds measures
				// signing, not tracing.
				long start = System.nanoTime();
				List<PresignedUrl> signed = signing.get();
				took[0] = System.nanoTime() - start;
				return signed;
			});
		PresignedUrl first = urls.get(0);
		record(caller, new Issuance(profile, kind, keys, first.lifetime(), first.expiresAt(), first.cappedBy(),
				Duration.ofNanos(took[0])));
		List<IssuedUrl> issued = new ArrayList<>(urls.size());
		for (int i = 0; i < urls.size(); i++) {
			issued.add(IssuedUrl.of(profile, kind, keys.get(i), urls.get(i)));
		}
		return issued;
	}

	/**
	 * One URL, as {@link #sign} does for many.
	 */
	public IssuedUrl signOne(Caller caller, Profile profile, UrlKind kind, String key, Supplier<PresignedUrl> signing) {
		return sign(caller, profile, kind, List.of(key), () -> List.of(signing.get())).get(0);
	}

	/**
	 * A policy decision, observed: a span of its own, so that a trace shows how long
	 * deciding took apart from signing and from S3.
	 */
	public <T> T decide(Supplier<T> decision) {
		return Observation.createNotStarted("presign.policy", this.observations).observe(decision);
	}

	/**
	 * Tells the observers of something issued that was not signed here (cookies, forms,
	 * tickets).
	 */
	public void record(Caller caller, Issuance issuance) {
		for (IssuanceObserver observer : this.observers) {
			observer.issued(caller, issuance);
		}
	}

	/**
	 * Tells the observers of a call the service made to S3 for a caller.
	 */
	public void record(Caller caller, StorageCall call) {
		for (IssuanceObserver observer : this.observers) {
			observer.storageCall(caller, call);
		}
	}

}
