package io.dualcache.engine;

/**
 * Decides which entries a bounded cache gives up. Owned by the maintenance thread (the daemon or a
 * thread running {@code cleanUp}): nothing here is shared, so nothing here is synchronized.
 *
 * <p>The shape follows the seed's pipeline:
 *
 * <ul>
 *   <li><b>Probation window</b>: every new entry is visible at once and enters a small LRU window.
 *       A hit moves it to the window's young end.
 *   <li><b>Admission</b>: an entry that ages out of the window (the candidate) enters the main
 *       region freely while the cache has room. Once it is full, the candidate duels the main
 *       region's Clock victim on frequency, estimated by a {@link FrequencySketch} of recent
 *       accesses; the loser leaves. A scan therefore churns the window, never the main region.
 *   <li><b>Main region</b>: a Clock (circular list with a hand) over entries with a rank. A hit
 *       raises the rank; the passing hand evicts an entry whose rank is at or below the region's
 *       average and otherwise decays it (the seed's "evict below the mean, otherwise decay").
 *   <li><b>Adaptation</b>: a hill climber moves the window's share of the capacity towards the
 *       split that gave the better hit rate in the last sample, so recency-skewed workloads get a
 *       large window and frequency-skewed ones a small one.
 * </ul>
 */
final class Policy<K, V> {

  /**
   * Receives the entries the policy gives up and reports each that left through {@link #onRemove};
   * returns false if it could not evict the entry now (its segment was busy).
   */
  interface Evictor<K, V> {
    boolean evict(PolicyNode<K, V> victim);
  }

  static final byte NONE = 0;
  static final byte WINDOW = 1;
  static final byte MAIN = 2;

  private static final int MAX_RANK = 15;
  private static final double INITIAL_WINDOW = 0.01;
  private static final double MAX_WINDOW = 0.8;
  private static final double INITIAL_STEP = 0.0625;

  private final long maximum;
  private final FrequencySketch sketch;

  private long weightedSize;
  private long windowWeight;
  private long windowMaximum;

  /** Window LRU: head is the eldest. */
  private PolicyNode<K, V> windowHead;

  private PolicyNode<K, V> windowTail;

  /** The Clock hand: the next main entry to inspect; the circle is linked through prev/next. */
  private PolicyNode<K, V> hand;

  private long mainCount;
  private long mainRankSum;

  // Hill climber state.
  private double windowShare = INITIAL_WINDOW;
  private double step = INITIAL_STEP;
  private double previousHitRate = -1;
  private long sampleHits;
  private long sampleMisses;
  private final long samplePeriod;

  Policy(long maximum, FrequencySketch sketch) {
    this.maximum = maximum;
    this.sketch = sketch;
    this.windowMaximum = windowLimit(INITIAL_WINDOW);
    this.samplePeriod = Math.max(1000, 10 * Math.min(maximum, 1L << 24));
  }

  long weightedSize() {
    return weightedSize;
  }

  long maximum() {
    return maximum;
  }

  // ---------------------------------------------------------------- events

  /** A new live node: it joins the window's young end. */
  void onAdd(PolicyNode<K, V> node) {
    sketch.increment(node.hash);
    sampleMisses++;
    node.setPolicyWeight(node.weight());
    weightedSize += node.weight();
    windowWeight += node.weight();
    node.queue = WINDOW;
    appendToWindow(node);
    climb();
  }

  /** A node the policy tracks changed its weight. */
  void onWeightChange(PolicyNode<K, V> node) {
    int delta = node.weight() - node.policyWeight();
    node.setPolicyWeight(node.weight());
    weightedSize += delta;
    if (node.queue == WINDOW) {
      windowWeight += delta;
    }
  }

  /** A node left the cache (removed, expired, evicted). No-op for a node the policy lacks. */
  void onRemove(PolicyNode<K, V> node) {
    if (node.queue == WINDOW) {
      unlinkFromWindow(node);
      windowWeight -= node.policyWeight();
    } else if (node.queue == MAIN) {
      unlinkFromMain(node);
    } else {
      return;
    }
    weightedSize -= node.policyWeight();
    node.queue = NONE;
  }

  /** A recorded hit on {@code node}. */
  void onHit(PolicyNode<K, V> node) {
    sketch.increment(node.hash);
    sampleHits++;
    if (node.queue == WINDOW) {
      unlinkFromWindow(node);
      appendToWindow(node);
    } else if (node.queue == MAIN && node.rank < MAX_RANK) {
      node.rank++;
      mainRankSum++;
    }
    climb();
  }

  /** Forgets every node (after a clear) and the sketch; keeps the learned window share. */
  void reset() {
    for (PolicyNode<K, V> n = windowHead; n != null; ) {
      PolicyNode<K, V> next = n.next;
      forget(n);
      n = next;
    }
    if (hand != null) {
      PolicyNode<K, V> n = hand;
      do {
        PolicyNode<K, V> next = n.next;
        forget(n);
        n = next;
      } while (n != hand);
    }
    weightedSize = 0;
    windowWeight = 0;
    windowHead = windowTail = null;
    hand = null;
    mainCount = 0;
    mainRankSum = 0;
    sketch.reset();
  }

  private static <K, V> void forget(PolicyNode<K, V> n) {
    n.queue = NONE;
    n.prev = n.next = null;
    n.rank = 0;
  }

  // ---------------------------------------------------------------- eviction

  /**
   * Brings the window back to its share and the cache back within its bound, handing every entry it
   * gives up to {@code evictor}. An entry the evictor cannot take now (a writer holds its segment)
   * is passed over for another; after a full turn of failures the rest waits for the next round.
   */
  void evict(Evictor<K, V> evictor) {
    long failures = 0;
    while (windowWeight > windowMaximum && windowHead != null) {
      PolicyNode<K, V> candidate = windowHead;
      PolicyNode<K, V> victim = weightedSize > maximum ? mainVictim() : null;
      if (victim == null) {
        moveToMain(candidate); // room to spare (or nothing to duel): no duel
      } else if (!admit(candidate, victim)) {
        if (!evictor.evict(candidate)) {
          moveToMain(candidate); // busy: it stays, the loop below makes room if need be
        }
      } else if (evictor.evict(victim)) {
        moveToMain(candidate);
      } else if (++failures > mainCount) {
        return;
      } else {
        hand = victim.next; // busy: pass it over, it keeps its rank
      }
    }
    while (weightedSize > maximum) {
      PolicyNode<K, V> victim = mainVictim();
      if (victim == null) {
        victim = windowHead;
        if (victim == null || !evictor.evict(victim)) {
          return;
        }
      } else if (!evictor.evict(victim)) {
        if (++failures > mainCount) {
          return;
        }
        hand = victim.next;
      }
    }
  }

  /** TinyLFU duel: the candidate gets in only if it was seen more often than the victim. */
  private boolean admit(PolicyNode<K, V> candidate, PolicyNode<K, V> victim) {
    return sketch.frequency(candidate.hash) > sketch.frequency(victim.hash);
  }

  /** Moves the hand until it rests on an entry ranked at or below the average; decays the rest. */
  private PolicyNode<K, V> mainVictim() {
    if (hand == null) {
      return null;
    }
    // Each pass decays every rank above the average by one, so (MAX_RANK + 1) passes suffice.
    long limit = mainCount * (MAX_RANK + 1) + 1;
    for (long i = 0; i < limit; i++) {
      PolicyNode<K, V> n = hand;
      if (n.rank * mainCount <= mainRankSum) {
        return n;
      }
      n.rank--;
      mainRankSum--;
      hand = n.next;
    }
    return hand;
  }

  private void moveToMain(PolicyNode<K, V> node) {
    unlinkFromWindow(node);
    windowWeight -= node.policyWeight();
    node.queue = MAIN;
    node.rank = 0;
    if (hand == null) {
      node.prev = node.next = node;
      hand = node;
    } else {
      // Insert just behind the hand: the last entry it will reach.
      PolicyNode<K, V> behind = hand.prev;
      node.prev = behind;
      node.next = hand;
      behind.next = node;
      hand.prev = node;
    }
    mainCount++;
  }

  private void unlinkFromMain(PolicyNode<K, V> node) {
    mainRankSum -= node.rank;
    mainCount--;
    if (node.next == node) {
      hand = null;
    } else {
      node.prev.next = node.next;
      node.next.prev = node.prev;
      if (hand == node) {
        hand = node.next;
      }
    }
    node.prev = node.next = null;
    node.rank = 0;
  }

  private void appendToWindow(PolicyNode<K, V> node) {
    node.next = null;
    node.prev = windowTail;
    if (windowTail == null) {
      windowHead = node;
    } else {
      windowTail.next = node;
    }
    windowTail = node;
  }

  private void unlinkFromWindow(PolicyNode<K, V> node) {
    if (node.prev == null) {
      windowHead = node.next;
    } else {
      node.prev.next = node.next;
    }
    if (node.next == null) {
      windowTail = node.prev;
    } else {
      node.next.prev = node.prev;
    }
    node.prev = node.next = null;
  }

  // ---------------------------------------------------------------- adaptation

  private void climb() {
    long samples = sampleHits + sampleMisses;
    if (samples < samplePeriod) {
      return;
    }
    double hitRate = (double) sampleHits / samples;
    if (previousHitRate >= 0) {
      double change = hitRate - previousHitRate;
      if (change < 0) {
        step = -step / 2; // went the wrong way: turn around with a smaller step
      } else if (Math.abs(change) < 0.0005) {
        step = Math.copySign(Math.max(Math.abs(step) / 2, 0.005), step);
      }
    }
    previousHitRate = hitRate;
    windowShare = Math.max(0.0, Math.min(MAX_WINDOW, windowShare + step));
    windowMaximum = windowLimit(windowShare);
    sampleHits = 0;
    sampleMisses = 0;
  }

  private long windowLimit(double share) {
    return Math.max(1, (long) (maximum * share));
  }
}
