package io.presign.policy;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The lifetime policy allows one URL.
 *
 * @param duration how long the URL may live
 * @param cappedBy {@link ExpiryCap#POLICY} when policy shortened the caller's wish
 * @param minimum the shortest lifetime still worth issuing if the signer must shorten it
 * further
 */
public record Expiry(Duration duration, @Nullable ExpiryCap cappedBy, Duration minimum) {

	/**
	 * The same expiry, shortened by the signer.
	 * @param shorter the shorter duration
	 * @param cap why
	 * @return the shortened expiry
	 */
	public Expiry cappedTo(Duration shorter, ExpiryCap cap) {
		return new Expiry(shorter, cap, this.minimum);
	}

}
