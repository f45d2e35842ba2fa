package io.dualcache.redis;

import io.dualcache.engine.DualCache;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Applies the invalidation pushes of one shared cache to its near cache. A push arrives on
 * Lettuce's event loop: it moves the fill tickets of its keys there and then, and leaves the drop
 * of the near copies to the sharing's worker, because a writer holds the key's lock while it waits
 * on that event loop for its reply. Between the two, no near copy is served ({@link #servable}).
 */
final class NearInvalidation {
  private final RedisSharing sharing;
  private final RedisKeys keys;
  private final FillTickets tickets;
  private final DualCache<?, ?> near;
  private final LongAdder invalidations = new LongAdder();

  /**
   * Pushes that arrived whose drops the worker has not finished: incremented on the event loop,
   * decremented by the worker after the drop (atomic). While above zero, any near copy might be one
   * a push already declared stale.
   */
  private final AtomicInteger dropsPending = new AtomicInteger();

  NearInvalidation(
      RedisSharing sharing, RedisKeys keys, FillTickets tickets, DualCache<?, ?> near) {
    this.sharing = sharing;
    this.keys = keys;
    this.tickets = tickets;
    this.near = near;
  }

  /** Whether a near hit may be served: tracking is on and no push waits to be applied. */
  boolean servable() {
    return dropsPending.get() == 0 && tickets.trustedNow();
  }

  /** How many invalidations of this cache's keys arrived. */
  long count() {
    return invalidations.sum();
  }

  /** Keys written elsewhere (on the event loop): this cache's are no longer to be trusted. */
  void invalidated(List<byte[]> redisKeys) {
    List<byte[]> mine = new ArrayList<>();
    for (byte[] k : redisKeys) {
      if (keys.isMine(k)) {
        tickets.invalidate(k);
        invalidations.increment();
        mine.add(k);
      }
    }
    if (!mine.isEmpty()) {
      dropLater(() -> drop(mine));
    }
  }

  /** A flush or a loss of tracking (on the event loop): empty the near cache soon. */
  void flushed() {
    tickets.clearing();
    dropLater(this::emptyNow);
  }

  /** Empties the near cache now; no ticket taken before may install. */
  void emptyNow() {
    tickets.clearing();
    if (!near.isClosed()) {
      near.clear();
    }
  }

  private void dropLater(Runnable drop) {
    dropsPending.incrementAndGet();
    boolean queued =
        sharing.later(
            () -> {
              try {
                drop.run();
              } finally {
                dropsPending.decrementAndGet();
              }
            });
    if (!queued) {
      dropsPending.decrementAndGet(); // closed: nothing is served any more
    }
  }

  private void drop(List<byte[]> redisKeys) {
    if (near.isClosed()) {
      return;
    }
    for (byte[] k : redisKeys) {
      Object key;
      try {
        key = keys.keyOf(k);
      } catch (RuntimeException e) {
        emptyNow(); // a key this JVM cannot decode: no copy of it can be found, drop them all
        return;
      }
      near.remove(key);
    }
  }
}
