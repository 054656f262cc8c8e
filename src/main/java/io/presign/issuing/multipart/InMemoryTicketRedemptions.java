package io.presign.issuing.multipart;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Redeemed tickets in this replica's memory, each until it expires.
 */
final class InMemoryTicketRedemptions implements TicketRedemptions {

	/** How many claims pass between sweeps of expired records. */
	private static final int SWEEP_EVERY = 256;

	private final ConcurrentMap<String, Record> records = new ConcurrentHashMap<>();

	private final AtomicInteger claims = new AtomicInteger();

	private final Clock clock;

	InMemoryTicketRedemptions(Clock clock) {
		this.clock = clock;
	}

	@Override
	public @Nullable String claim(String id, Instant expiresAt) {
		Instant now = this.clock.instant();
		if (this.claims.incrementAndGet() % SWEEP_EVERY == 0) {
			this.records.values().removeIf((record) -> !now.isBefore(record.expiresAt()));
		}
		Record mine = new Record(PENDING, expiresAt);
		Record held = this.records.compute(id,
				(key, existing) -> (existing == null || !now.isBefore(existing.expiresAt())) ? mine : existing);
		return (held == mine) ? null : held.answer();
	}

	@Override
	public void record(String id, String answer, Instant expiresAt) {
		this.records.put(id, new Record(answer, expiresAt));
	}

	@Override
	public void release(String id) {
		this.records.remove(id);
	}

	/**
	 * @return how many records are held, expired ones not yet swept included
	 */
	int size() {
		return this.records.size();
	}

	private record Record(String answer, Instant expiresAt) {
	}

}
