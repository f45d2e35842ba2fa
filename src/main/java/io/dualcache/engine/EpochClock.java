package io.dualcache.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * An engine's time for expiry, in ticks of {@code tickNanos} since the engine was built. Readers
 * compare a node's deadline with the published {@link #tick()}; only writers and the ticking thread
 * read the {@link Ticker}.
 *
 * <p>A deadline is the first tick at or after {@code now + duration}, so an entry is never expired
 * early: the published tick never runs ahead of the ticker. It runs behind by at most one tick plus
 * the delay of the thread that publishes it ({@link TickingThread}).
 */
final class EpochClock {

  private static final VarHandle TICK;

  static {
    try {
      TICK = MethodHandles.lookup().findVarHandle(EpochClock.class, "tick", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final Ticker ticker;
  final long tickNanos;
  private final long origin;

  // Padding: the tick is read on every get; keep writes to neighbouring objects off its line.
  @SuppressWarnings("unused")
  private long p1;

  @SuppressWarnings("unused")
  private long p2;

  @SuppressWarnings("unused")
  private long p3;

  @SuppressWarnings("unused")
  private long p4;

  @SuppressWarnings("unused")
  private long p5;

  @SuppressWarnings("unused")
  private long p6;

  @SuppressWarnings("unused")
  private long p7;

  /**
   * The published tick, monotonic. Written by the ticking thread and by threads that read the
   * ticker anyway (writers, cleanUp), with a CAS-max; read with acquire.
   */
  @SuppressWarnings("unused") // accessed through TICK
  private long tick;

  @SuppressWarnings("unused")
  private long q1;

  @SuppressWarnings("unused")
  private long q2;

  @SuppressWarnings("unused")
  private long q3;

  @SuppressWarnings("unused")
  private long q4;

  @SuppressWarnings("unused")
  private long q5;

  @SuppressWarnings("unused")
  private long q6;

  @SuppressWarnings("unused")
  private long q7;

  EpochClock(Ticker ticker, long tickNanos) {
    this.ticker = ticker;
    this.tickNanos = tickNanos;
    this.origin = ticker.read();
  }

  /** The published tick: no ticker read. */
  long tick() {
    return (long) TICK.getAcquire(this);
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

  private long publish(long fresh) {
    long current = (long) TICK.getAcquire(this);
    while (fresh > current) {
      long witness = (long) TICK.compareAndExchangeRelease(this, current, fresh);
      if (witness == current) {
        return fresh;
      }
      current = witness;
    }
    return current;
  }
}
