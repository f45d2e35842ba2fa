package io.dualcache.redis;

import io.dualcache.engine.DualCache;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Applies the invalidation pushes of one shared cache to its near cache. A push arrives on
 * Lettuce's event loop: it moves the fill tickets of its keys there and then, and leaves the drop
 * of the near copies to the sharing's worker, because a writer holds the key's lock while it waits
 * on that event loop for its reply. Between the two, no near copy of a key of the same stripe is
 * served ({@link #servable}). Keys are decoded on the event loop, to find their stripes.
 */
final class NearInvalidation {
  private final RedisSharing sharing;
  private final RedisKeys keys;
  private final FillTickets tickets;
  private final DualCache<?, ?> near;
  private final LongAdder invalidations = new LongAdder();

  private static final int STRIPES = 1024;

  /**
   * Per stripe of keys (by their hash code, as the near cache itself), the invalidated keys whose
   * drop the worker has not finished: incremented on the event loop when the push arrives,
   * decremented by the worker after the drop (atomic). While a stripe is above zero, its near
   * copies are not served: any might be one a push already declared stale.
   */
  private final AtomicIntegerArray dropsPending = new AtomicIntegerArray(STRIPES);

  NearInvalidation(
      RedisSharing sharing, RedisKeys keys, FillTickets tickets, DualCache<?, ?> near) {
    this.sharing = sharing;
    this.keys = keys;
    this.tickets = tickets;
    this.near = near;
  }

  /**
   * Whether a near copy of {@code key} may be served: no push for a key of its stripe, and no
   * flush, waits to be applied. (One volatile read: a flush holds every stripe. A loss of tracking
   * is a flush, and while tracking is off nothing is installed, so the emptied near cache serves
   * nothing stale.)
   */
  boolean servable(Object key) {
    return dropsPending.get(stripe(key)) == 0;
  }

  /** How many invalidations of this cache's keys arrived. */
  long count() {
    return invalidations.sum();
  }

  /** Keys written elsewhere (on the event loop): this cache's are no longer to be trusted. */
  void invalidated(List<byte[]> redisKeys) {
    List<Object> mine = new ArrayList<>();
    for (byte[] k : redisKeys) {
      if (keys.isMine(k)) {
        tickets.invalidate(k);
        invalidations.increment();
        Object key;
        try {
          key = keys.keyOf(k);
        } catch (RuntimeException e) {
          flushed(); // a key this JVM cannot decode: its copy cannot be found, drop them all
          continue;
        }
        dropsPending.incrementAndGet(stripe(key));
        mine.add(key);
      }
    }
    if (!mine.isEmpty() && !sharing.later(() -> drop(mine))) {
      mine.forEach(key -> dropsPending.decrementAndGet(stripe(key))); // closed
    }
  }

  /** A flush or a loss of tracking (on the event loop): empty the near cache soon. */
  void flushed() {
    tickets.clearing();
    holdAll(1);
    boolean queued =
        sharing.later(
            () -> {
              try {
                emptyNow();
              } finally {
                holdAll(-1);
              }
            });
    if (!queued) {
      holdAll(-1); // closed: nothing is served any more
    }
  }

  /** Holds back (+1) or releases (-1) every stripe. */
  private void holdAll(int delta) {
    for (int i = 0; i < STRIPES; i++) {
      dropsPending.addAndGet(i, delta);
    }
  }

  /** Empties the near cache now; no ticket taken before may install. */
  void emptyNow() {
    tickets.clearing();
    if (!near.isClosed()) {
      near.clear();
    }
  }

  private void drop(List<Object> invalidated) {
    for (Object key : invalidated) {
      try {
        if (!near.isClosed()) {
          near.remove(key);
        }
      } finally {
        dropsPending.decrementAndGet(stripe(key));
      }
    }
  }

  private static int stripe(Object key) {
    int h = key.hashCode();
    return (h ^ (h >>> 16)) & (STRIPES - 1);
  }
}
