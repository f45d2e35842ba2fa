package io.dualcache.engine;

/**
 * An engine's time for expiry, in ticks of {@code tickNanos} since the engine was built. Readers
 * compare a node's deadline with the published {@link #tickAcquire()}; only writers and the ticking
 * thread read the {@link Ticker}.
 *
 * <p>A deadline is the first tick at or after {@code now + duration}, so an entry is never expired
 * early: the published tick never runs ahead of the ticker. It runs behind by at most one tick plus
 * the delay of the thread that publishes it ({@link TickingThread}).
 */
final class EpochClock extends EpochClockPadAfter {

  final Ticker ticker;
  final long tickNanos;
  private final long origin;

  EpochClock(Ticker ticker, long tickNanos) {
    this.ticker = ticker;
    this.tickNanos = tickNanos;
    this.origin = ticker.read();
  }

  /** Nanoseconds since the engine was built, from the ticker. */
  long nowNanos() {
    return ticker.read() - origin;
  }

  /** Reads the ticker and publishes the tick it gives if it is newer; returns the current tick. */
  long refresh() {
    return publish(nowNanos() / tickNanos);
  }

  /**
   * The deadline for an entry that lives {@code durationNanos} from now: {@link Node#ETERNAL} for
   * {@link Expiry#ETERNAL}, 0 (already expired) for a duration of zero or less.
   */
  long deadlineAfter(long durationNanos) {
    if (durationNanos == Expiry.ETERNAL) {
      return Node.ETERNAL;
    }
    if (durationNanos <= 0) {
      return 0L;
    }
    long now = nowNanos();
    publish(now / tickNanos); // we paid for the ticker read: keep readers as fresh as possible
    long end = now + durationNanos;
    if (end < 0) {
      return Node.ETERNAL - 1; // beyond any reachable tick, but still a deadline
    }
    long ticks = end / tickNanos; // rounded up below without "end + tickNanos - 1": no overflow
    if (ticks * tickNanos != end) {
      ticks++;
    }
    return Math.min(ticks, Node.ETERNAL - 1);
  }
}
