package io.dualcache.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The published tick of {@link EpochClock}, between its pads: every get reads it, so nothing
 * written often may share its cache line (see {@link CacheLinePad}).
 */
abstract class EpochClockTick extends CacheLinePad {

  private static final VarHandle TICK;

  static {
    try {
      TICK = MethodHandles.lookup().findVarHandle(EpochClockTick.class, "tick", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * The published tick, monotonic. Written by the ticking thread and by threads that read the
   * ticker anyway (writers, cleanUp), with a CAS-max; read with acquire.
   */
  @SuppressWarnings("unused") // accessed through TICK
  private long tick;

  /** The published tick: no ticker read. */
  final long tickAcquire() {
    return (long) TICK.getAcquire(this);
  }

  /** Publishes {@code fresh} if it is newer (a CAS-max); returns the tick now published. */
  final long publish(long fresh) {
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
