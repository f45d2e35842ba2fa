package io.dualcache.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.IntConsumer;

/**
 * Records hits for the daemon: one ring of key hashes per stripe, the stripe picked by a hash of
 * the current thread. A hit costs a few plain loads and, while its ring has room, two plain stores:
 * no lock, no CAS, no allocation. Records are lost on purpose: when a ring is full (the daemon has
 * not drained it yet) the hit is not recorded, and two threads sharing a stripe may overwrite each
 * other's records. That is sampling, and the policy only needs a sample.
 *
 * <p>When the rings keep filling up faster than the daemon drains them, the recorder samples on
 * purpose instead: it records a hit only if the low {@code sampleBits} bits of the key's hash equal
 * those of a salt that changes every drain. A skipped hit then costs one load and a compare, and
 * over many drains every key is sampled at the same rate. The rate goes back up as soon as a drain
 * finds the rings less than a quarter full (twice the rate would still fit), so a single-threaded
 * replay (the hit-ratio simulator) records every hit.
 *
 * <p>Why rings of {@value #SIZE} records and a rate that relaxes at once: the policy promotes an
 * entry, moves it in the window and counts it in the sketch only on a hit it sees, while it sees
 * every miss (through the write queue). A daemon that shares the cores with busy readers drains
 * only every few thousand requests; with 128-record rings it then saw about 5% of the hits of a
 * hit-heavy workload, too few to promote the new hot keys over the old ones, and lost up to 22
 * points of hit ratio against its own replay with every hit (see {@code HitRecorderPolicyTest}).
 * What the policy needs is the share of the hits, not a correction of their count: weighting each
 * drained record by the sampling rate in the sketch, or leaving out misses at the same rate, moved
 * the figure by less than the noise or made it worse. What does need the rate is the sketch's
 * aging, which counts increments: the hits sampled out still count toward its next halving ({@code
 * FrequencySketch.ageBy}), or a sampled cache forgets an old hot set several times slower, in
 * requests, than one that records every hit.
 *
 * <pre>
 * Stripe:  ring[0..SIZE)  int hashes
 *          writeIndex     next slot to fill   (readers: plain load, release store)
 *          readIndex      next slot to drain  (daemon: release store; readers: opaque load)
 *          records in [readIndex, writeIndex) are pending; a drain takes at most SIZE of them,
 *          and none while racing readers have left writeIndex behind readIndex
 * </pre>
 */
final class HitRecorder {

  /** Records per ring (4 KB): the most the daemon takes from one stripe per drain. */
  static final int SIZE = 1024;

  private static final int MASK = SIZE - 1;

  /** The filter that passes every hit: mask 0, target 0 (see {@link #sampled}). */
  static final long RECORD_ALL = 0;

  /**
   * The filter of a cache that records no hits: mask 0 and a target of -1, which no masked hash
   * equals.
   */
  static final long RECORD_NONE = -1L << 32;

  /** At most 1 hit in 2^MAX_SAMPLE_BITS is recorded under pressure. */
  private static final int MAX_SAMPLE_BITS = 4;

  /** A drain whose fullest ring holds fewer records than this raises the sampling rate. */
  private static final int ROOM = SIZE / 4;

  private static final VarHandle WRITE;
  private static final VarHandle READ;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      WRITE = lookup.findVarHandle(StripeFields.class, "writeIndex", int.class);
      READ = lookup.findVarHandle(StripeFields.class, "readIndex", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Stripe[] stripes;
  private final int shift;

  /**
   * The sampling filter: the target (the salt's masked bits) in the high 32 bits, the mask in the
   * low 32 (0 = record every hit). One long so that a reader sees a consistent pair. Maintenance
   * owner only: it publishes the filter to the readers' side (see {@link #sampled}) after each
   * drain.
   */
  private long filter = RECORD_ALL;

  /** Maintenance owner only. */
  private int sampleBits;

  private int salt;

  HitRecorder(int stripeCount) {
    if (stripeCount < 2 || Integer.bitCount(stripeCount) != 1) {
      throw new IllegalArgumentException(
          "stripes must be a power of two >= 2, stripes=" + stripeCount);
    }
    this.stripes = new Stripe[stripeCount];
    for (int i = 0; i < stripeCount; i++) {
      stripes[i] = new Stripe();
    }
    this.shift = 64 - Integer.numberOfTrailingZeros(stripeCount);
  }

  /**
   * Whether a hit on {@code hash} passes {@code filter} (a value of {@link #filter()}, or {@link
   * #RECORD_NONE}): whether the hash's masked bits equal the target.
   */
  static boolean sampled(int hash, long filter) {
    return (hash & (int) filter) == (int) (filter >>> 32);
  }

  /** The filter readers should apply before {@link #record} (maintenance owner only). */
  long filter() {
    return filter;
  }

  /** Records a hit on the key with spread hash {@code hash}, unless the thread's ring is full. */
  void record(int hash) {
    recordInto(stripes[stripeOfCurrentThread()], hash);
  }

  /** {@link #record} into a chosen stripe, so that tests can make threads share one. */
  void recordInStripe(int stripe, int hash) {
    recordInto(stripes[stripe], hash);
  }

  private void recordInto(Stripe s, int hash) {
    int w = s.writeIndex; // plain: a racing reader on this stripe may overwrite us, that is fine
    if (w - (int) READ.getOpaque(s) >= SIZE) {
      return; // full until the daemon drains it: drop
    }
    s.ring[w & MASK] = hash;
    WRITE.setRelease(s, w + 1); // publishes the ring store to the draining daemon
  }

  /**
   * Hands every pending record to {@code sink} and empties the rings (maintenance owner only). At
   * most {@link #SIZE} records per stripe, whatever the indexes say: a recorder's plain
   * read-increment-store of {@code writeIndex} races other recorders of its stripe, so a late store
   * can move the index back, even behind the {@code readIndex} this drain published. Such a ring
   * holds nothing known to be new: the drain takes nothing from it and moves {@code readIndex} back
   * to the write index, so that the next records are taken normally.
   */
  int drain(IntConsumer sink) {
    int drained = 0;
    int fullest = 0;
    for (Stripe s : stripes) {
      int w = (int) WRITE.getAcquire(s); // LoadLoad: the ring stores before it are visible
      int r = s.readIndex; // plain: only this thread writes it
      int pending = w - r;
      if (pending <= 0) {
        if (pending < 0) {
          READ.setRelease(s, w); // a late store moved writeIndex back: realign, drop nothing new
        }
        continue;
      }
      int taken = Math.min(pending, SIZE); // racing recorders can run past: take the newest
      for (int i = w - taken; i != w; i++) {
        sink.accept(s.ring[i & MASK]);
      }
      drained += taken;
      fullest = Math.max(fullest, taken);
      READ.setRelease(s, w); // frees the ring for recorders
    }
    adaptSampling(fullest);
    return drained;
  }

  /**
   * Samples harder when a ring was full ({@code fullest} records taken from the fullest stripe),
   * and less as soon as the fullest was under a quarter full: twice the rate would have left it
   * half empty. The factor of four between the two keeps the rate from flapping.
   */
  private void adaptSampling(int fullest) {
    if (fullest >= SIZE) {
      sampleBits = Math.min(MAX_SAMPLE_BITS, sampleBits + 1);
    } else if (sampleBits > 0 && fullest < ROOM) {
      sampleBits--;
    }
    salt += 0x9E3779B9; // a new subset of keys for the next drain
    int mask = (1 << sampleBits) - 1;
    filter = ((long) (salt & mask) << 32) | mask;
  }

  /** The current rate: 1 hit in 2^result is recorded (for tests). */
  int sampleBits() {
    return sampleBits;
  }

  private int stripeOfCurrentThread() {
    // Fibonacci hashing of the thread id: consecutive ids land on different stripes.
    @SuppressWarnings("deprecation") // Thread.threadId() needs Java 19
    long id = Thread.currentThread().getId();
    return (int) ((id * 0x9E3779B97F4A7C15L) >>> shift);
  }

  /**
   * A stripe's ring and its indexes (see the class comment for who writes which), padded before by
   * {@link CacheLinePad} and after by {@link Stripe}'s own fields, so that stripes written by
   * different threads share no cache line.
   */
  abstract static class StripeFields extends CacheLinePad {
    final int[] ring = new int[SIZE];

    /** Written by readers (plain load, release store), read acquire by the daemon. */
    int writeIndex;

    /** Written by the daemon (release), read opaque by readers. */
    int readIndex;
  }

  /** One ring; its fields are the 128 bytes of padding after {@link StripeFields}. */
  static final class Stripe extends StripeFields {
    @SuppressWarnings("unused")
    private long after01;

    @SuppressWarnings("unused")
    private long after02;

    @SuppressWarnings("unused")
    private long after03;

    @SuppressWarnings("unused")
    private long after04;

    @SuppressWarnings("unused")
    private long after05;

    @SuppressWarnings("unused")
    private long after06;

    @SuppressWarnings("unused")
    private long after07;

    @SuppressWarnings("unused")
    private long after08;

    @SuppressWarnings("unused")
    private long after09;

    @SuppressWarnings("unused")
    private long after10;

    @SuppressWarnings("unused")
    private long after11;

    @SuppressWarnings("unused")
    private long after12;

    @SuppressWarnings("unused")
    private long after13;

    @SuppressWarnings("unused")
    private long after14;

    @SuppressWarnings("unused")
    private long after15;

    @SuppressWarnings("unused")
    private long after16;
  }
}
