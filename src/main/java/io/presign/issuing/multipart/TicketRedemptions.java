package io.presign.issuing.multipart;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Which tickets were redeemed, for as long as they work, so that one ticket does its step
 * once: a widget that retries gets the first redemption's answer, and a replay cannot
 * start another upload. Kept where the rate limits are counted: in each replica's memory
 * (a replay on another replica is not seen) or in the shared Redis (seen by all).
 */
interface TicketRedemptions {

	/** What a redemption under way records until it has an answer. */
	String PENDING = "pending";

	/**
	 * Claims a ticket for this redemption.
	 * @param id the ticket's id
	 * @param expiresAt when the ticket stops working, and its record may go
	 * @return none when this redemption claimed it; otherwise what the first one recorded
	 * ({@link #PENDING} while it is under way)
	 */
	@Nullable String claim(String id, Instant expiresAt);

	/**
	 * Records the answer of the redemption that claimed the ticket.
	 */
	void record(String id, String answer, Instant expiresAt);

	/**
	 * Gives a claimed ticket back, when its redemption failed, so that a retry may redeem
	 * it.
	 */
	void release(String id);

}
