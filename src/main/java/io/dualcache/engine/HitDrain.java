package io.dualcache.engine;

import java.util.function.IntConsumer;
import java.util.function.LongConsumer;

/**
 * The maintenance owner's side of the hit rings: each drained record (a key's hash) counts in the
 * frequency sketch, moves its node in the policy and may promote it into a hot tier; the records
 * sampled out still age the sketch, and every {@value #AGE_PERIOD} records the tiers' heat halves.
 * Used by the maintenance owner only (under its lock), so nothing here is shared.
 */
final class HitDrain<K, V> {

  /** Hit records between two halvings of the hot tiers' heat. */
  private static final int AGE_PERIOD = 1 << 16;

  /** Sketch frequency a node needs before it is promoted into a hot tier. */
  private static final int PROMOTE_T2 = 2;

  private static final int PROMOTE_T1 = 4;

  private final Index<K, V> index;
  private final HitRecorder hits;
  private final FrequencySketch sketch;

  /** Null when unbounded. */
  private final Policy<K, V> policy;

  /** Null when the tiers are off. */
  private final HotTier<K, V> t1;

  private final HotTier<K, V> t2;

  /** Hands the readers the sampling filter to apply from now on. */
  private final LongConsumer filterPublisher;

  /** Made once: a method reference passed per drain would be a new object each time. */
  private final IntConsumer onHit = this::onHit;

  private int sinceAging;
  private int lastDrained;

  HitDrain(
      ReadPath<K, V> read,
      FrequencySketch sketch,
      Policy<K, V> policy,
      LongConsumer filterPublisher) {
    this.index = read.index();
    this.hits = read.hits();
    this.t1 = read.t1();
    this.t2 = read.t2();
    this.sketch = sketch;
    this.policy = policy;
    this.filterPublisher = filterPublisher;
  }

  /** Applies the records the readers left since the last drain (see {@link #lastDrained}). */
  void drain() {
    if (hits == null) {
      return;
    }
    int sampleBits = hits.sampleBits(); // the rate the readers ran at since the last drain
    int drained = hits.drain(onHit);
    if (sampleBits > 0) {
      // Each record stands for 2^sampleBits hits: the others still age the sketch (see ageBy).
      sketch.ageBy((long) drained * ((1 << sampleBits) - 1));
    }
    filterPublisher.accept(hits.filter());
    sinceAging += drained;
    if (sinceAging >= AGE_PERIOD) {
      sinceAging = 0;
      if (t1 != null) {
        t1.age();
      }
      if (t2 != null) {
        t2.age();
      }
    }
    lastDrained = drained;
  }

  /** The records the last drain applied. */
  int lastDrained() {
    return lastDrained;
  }

  private void onHit(int hash) {
    Node<K, V> n = index.segmentFor(hash).findByHash(hash);
    if (n == null || n.valueAcquire() == null) {
      sketch.increment(hash);
      return;
    }
    if (policy != null) {
      policy.onHit((PolicyNode<K, V>) n); // counts the access in the sketch too
    } else {
      sketch.increment(hash);
    }
    if (t1 != null) {
      promote(n);
    }
  }

  /** Offers a hot node to T1, or T2 if T1 keeps its occupant. */
  private void promote(Node<K, V> n) {
    int frequency = sketch.frequency(n.hash);
    if (frequency >= PROMOTE_T1 && t1.offer(n, frequency)) {
      return;
    }
    if (t2 != null && frequency >= PROMOTE_T2) {
      t2.offer(n, frequency);
    }
  }
}
