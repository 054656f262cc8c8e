package io.presign.issuing;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.presign.policy.Caller;
import io.presign.policy.ObjectStamp;
import io.presign.policy.Profile;
import io.presign.signing.PresignedUrl;

/**
 * The part of issuing every kind of URL shares, whichever service issues it: the
 * observers (metrics, audit) told once per request, with the facts and never the URLs.
 * Deciding and signing take microseconds and are neither timed nor traced: a span or
 * timer around them would cost more than they do (docs/performance.md); the request's own
 * timer and span, and a span for each call that leaves the process, stay.
 */
public final class ObservedSigning {

	private final List<IssuanceObserver> observers;

	/**
	 * @param observers told of every issued URL
	 */
	public ObservedSigning(List<IssuanceObserver> observers) {
		this.observers = List.copyOf(observers);
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
		return sign(caller, profile, kind, keys, ObjectStamp.NONE, signing);
	}

	/**
	 * As {@link #sign}, for uploads whose objects must carry a stamp.
	 * @param stamp what each object must carry, told to the observers
	 */
	public List<IssuedUrl> sign(Caller caller, Profile profile, UrlKind kind, List<String> keys, ObjectStamp stamp,
			Supplier<List<PresignedUrl>> signing) {
		List<PresignedUrl> urls = signing.get();
		PresignedUrl first = urls.get(0);
		record(caller, new Issuance(profile, kind, keys, first.lifetime(), first.expiresAt(), first.cappedBy(), stamp));
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
