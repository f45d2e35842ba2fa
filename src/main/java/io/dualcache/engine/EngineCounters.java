package io.dualcache.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.LongAdder;

/**
 * The counts and figures behind {@link EngineMetrics} that only the engine's own threads know: how
 * many entries left for the bound or for their deadline, and the window share the policy is at.
 * Each is counted once, by the thread whose removal of the entry took effect (under the entry's
 * segment lock), so a count never sees an entry twice.
 *
 * <pre>
 * field            written by                                   how          read
 * evictedBySize    the maintenance owner (one at a time)       setOpaque    getOpaque
 * expired          readers, writers and the maintenance owner  LongAdder    sum
 * windowShare      the maintenance owner, after each round     setOpaque    getOpaque
 * </pre>
 *
 * Nothing here is written on a hit or by a write that removes nothing.
 */
final class EngineCounters {

  private static final VarHandle EVICTED_BY_SIZE;
  private static final VarHandle WINDOW_SHARE;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      EVICTED_BY_SIZE = lookup.findVarHandle(EngineCounters.class, "evictedBySize", long.class);
      WINDOW_SHARE = lookup.findVarHandle(EngineCounters.class, "windowShare", double.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * Entries evicted to honour the bound. Maintenance owner only writes (plain read, opaque store:
   * the lock that makes it the owner orders one owner's stores before the next one's reads).
   */
  @SuppressWarnings("unused") // accessed through EVICTED_BY_SIZE
  private long evictedBySize;

  /** Entries removed because their deadline passed; any thread that removed one adds. */
  private final LongAdder expired = new LongAdder();

  /** The policy's window share as of the last round; -1 while there is no policy. */
  @SuppressWarnings("unused") // accessed through WINDOW_SHARE
  private double windowShare = -1;

  /** One more entry evicted for the bound (maintenance owner only). */
  void countEvictionBySizeByOwner() {
    EVICTED_BY_SIZE.setOpaque(this, (long) EVICTED_BY_SIZE.getOpaque(this) + 1);
  }

  /** One more entry removed because it expired (the thread whose removal took effect). */
  void countExpiration() {
    expired.increment();
  }

  /** Publishes the policy's window share (maintenance owner only). */
  void setWindowShareOpaque(double share) {
    WINDOW_SHARE.setOpaque(this, share);
  }

  long evictedBySizeOpaque() {
    return (long) EVICTED_BY_SIZE.getOpaque(this);
  }

  long expiredSum() {
    return expired.sum();
  }

  double windowShareOpaque() {
    return (double) WINDOW_SHARE.getOpaque(this);
  }
}
