package io.presign.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one clock tests move by hand instead of sleeping: fixed at an instant, or following
 * the system clock plus an offset (for a running service whose URLs the embedded S3
 * server, on the real clock, checks), and moved forward with {@link #advance}. Optionally
 * it steps on every reading, to put a second boundary between two readings. Handed to the
 * service as its {@code Clock} bean and to the stand-ins of STS and IAM, so that both
 * sides of a test see the same time.
 */
public final class MutableClock extends Clock {

	private final AtomicReference<Instant> fixed;

	private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

	private final Duration step;

	private MutableClock(Instant fixed, Duration step) {
		this.fixed = new AtomicReference<>(fixed);
		this.step = step;
	}

	/**
	 * @return a clock that stays at the instant until advanced
	 */
	public static MutableClock at(Instant instant) {
		return new MutableClock(instant, Duration.ZERO);
	}

	/**
	 * @return a clock at the instant that moves {@code step} forward after every reading
	 */
	public static MutableClock stepping(Instant instant, Duration step) {
		return new MutableClock(instant, step);
	}

	/**
	 * @return a clock that follows the system clock until advanced, and then stays ahead
	 * of it by as much
	 */
	public static MutableClock systemUtc() {
		return new MutableClock(null, Duration.ZERO);
	}

	/**
	 * Moves the clock forward.
	 * @return this clock
	 */
	public MutableClock advance(Duration duration) {
		if (this.fixed.get() != null) {
			this.fixed.updateAndGet((now) -> now.plus(duration));
		}
		else {
			this.offset.updateAndGet((now) -> now.plus(duration));
		}
		return this;
	}

	/**
	 * @return how far ahead of the system clock a clock that follows it runs; zero for a
	 * fixed one
	 */
	public Duration offset() {
		return (this.fixed.get() != null) ? Duration.ZERO : this.offset.get();
	}

	/**
	 * Moves the clock back, to sign something in the past (a URL that expired already);
	 * move it forward again after, so that time never seems to run backwards for long.
	 * @return this clock
	 */
	public MutableClock rewind(Duration duration) {
		return advance(duration.negated());
	}

	/**
	 * Puts a clock that was fixed at an instant at another.
	 * @return this clock
	 */
	public MutableClock set(Instant instant) {
		if (this.fixed.getAndSet(instant) == null) {
			this.fixed.set(null);
			throw new IllegalStateException("a clock that follows the system clock can only be advanced");
		}
		return this;
	}

	@Override
	public Instant instant() {
		Instant fixedNow = this.fixed.get();
		if (fixedNow == null) {
			return Instant.now().plus(this.offset.get());
		}
		if (this.step.isZero()) {
			return fixedNow;
		}
		return this.fixed.getAndUpdate((now) -> now.plus(this.step));
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		if (!ZoneOffset.UTC.equals(zone)) {
			throw new UnsupportedOperationException("a test clock is in UTC");
		}
		return this;
	}

}
