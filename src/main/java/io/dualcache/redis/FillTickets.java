package io.dualcache.redis;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Decides whether what a read or a write of Redis brought back may still be installed in the near
 * cache. A {@link Ticket} taken before the command holds the sharing's tracking epoch, the cache's
 * clear epoch and the generation of the key's stripe (one of 4096 counters, picked by a hash of the
 * encoded key); it is good at install only if none of the three moved. Invalidations move the
 * stripe ({@link #invalidate}) before they drop the near copy, flushes and clears move the clear
 * epoch, a loss of tracking moves the epoch: whatever raced the command either stops the install or
 * removes what was installed.
 *
 * <p>Counters are atomics: bumped by Lettuce's event loop (invalidations), by writers and by the
 * sharing's worker, read by fills.
 */
final class FillTickets {
  private static final int STRIPES = 4096;

  private final RedisSharing sharing;
  private final AtomicLongArray stripes = new AtomicLongArray(STRIPES);
  private final AtomicLong clears = new AtomicLong();

  FillTickets(RedisSharing sharing) {
    this.sharing = sharing;
  }

  /** What a command saw before it went out. */
  record Ticket(long epoch, long clear, int stripe, long generation) {

    /** Whether near copies were trusted when the ticket was taken (tracking was on). */
    boolean trusted() {
      return (epoch & 1) == 0;
    }
  }

  /** The ticket of a fill: a read of Redis after a near miss. */
  Ticket beforeRead(byte[] redisKey) {
    int stripe = stripe(redisKey);
    return new Ticket(sharing.epoch(), clears.get(), stripe, stripes.get(stripe));
  }

  /**
   * The ticket of a write: moves the stripe, so that a fill whose read was answered before the
   * write installs nothing.
   */
  Ticket beforeWrite(byte[] redisKey) {
    int stripe = stripe(redisKey);
    long epoch = sharing.epoch();
    long clear = clears.get();
    return new Ticket(epoch, clear, stripe, stripes.incrementAndGet(stripe));
  }

  /** Whether a fill may install what its read brought back. */
  boolean fillMayInstall(Ticket ticket) {
    return ticket.trusted()
        && sharing.epoch() == ticket.epoch
        && clears.get() == ticket.clear
        && stripes.get(ticket.stripe) == ticket.generation;
  }

  /**
   * Whether a write may install its value, after its command: nothing raced it. Moves the stripe
   * again either way, for fills whose read was answered before the write.
   */
  boolean writeMayInstall(Ticket ticket) {
    boolean quiet =
        ticket.trusted()
            && sharing.epoch() == ticket.epoch
            && clears.get() == ticket.clear
            && stripes.compareAndSet(ticket.stripe, ticket.generation, ticket.generation + 1);
    stripes.incrementAndGet(ticket.stripe);
    return quiet;
  }

  /** Another client wrote the key: no ticket taken before may install it. */
  void invalidate(byte[] redisKey) {
    stripes.incrementAndGet(stripe(redisKey));
  }

  /** The near cache is being emptied: no ticket taken before may install anything. */
  void clearing() {
    clears.incrementAndGet();
  }

  private static int stripe(byte[] redisKey) {
    int h = Arrays.hashCode(redisKey);
    h ^= h >>> 16;
    return h & (STRIPES - 1);
  }
}
