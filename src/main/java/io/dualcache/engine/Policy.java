package io.dualcache.engine;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Decides which entries a bounded cache gives up. Owned by the maintenance thread (the daemon or a
 * thread running {@code cleanUp}): nothing here is shared, so nothing here is synchronized.
 *
 * <p>The regions, in the order an entry meets them:
 *
 * <ul>
 *   <li><b>Window</b>: every new entry is visible at once and enters a small LRU window. A hit
 *       moves it to the window's young end.
 *   <li><b>Admission</b>: an entry that ages out of the window (the candidate) enters the main
 *       region freely while the cache has room. Once it is full, the candidate duels the main
 *       region's victim on frequency, estimated by a {@link FrequencySketch} of recent accesses;
 *       the loser leaves. A scan therefore churns the window, never the main region. A warm
 *       candidate that loses still gets in now and then, so that level counts cannot lock the main
 *       region.
 *   <li><b>Main region</b>: a probation queue in front of a protected Clock. Admitted entries join
 *       probation, whose eldest is the victim of the next duel; a victim that wins its duel goes to
 *       the back of the queue like an entry the Clock hand passes, so that one key whose frequency
 *       the sketch overestimates cannot stop every admission. A hit in probation promotes the entry
 *       to the protected {@link RankedClock} (80% of the main region), where hits raise a rank and
 *       the passing hand demotes back to probation an entry ranked at or below the average while
 *       decaying the others.
 *   <li><b>Adaptation</b>: a {@link WindowTuner} picks the window's share by replaying a sample of
 *       the accesses through scaled copies of this policy at neighbouring shares, so recency-skewed
 *       workloads get a large window and frequency-skewed ones or loops a small one.
 * </ul>
 *
 * <p>The scaled copies are instances of this class too ({@link #shadow}): same code, fixed share,
 * reading the cache's sketch without counting into it.
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
  static final byte PROBATION = 2;
  static final byte PROTECTED = 3;

  /**
   * The highest rank in the protected Clock. Low on purpose: an entry that was hot long ago decays
   * to the average within a few turns of the hand instead of holding its place for many.
   */
  static final int MAX_RANK = 3;

  /** The rank of an entry promoted from probation: its first hit there. */
  private static final int PROMOTED_RANK = 1;

  /** The protected Clock's share of the main region. */
  static final double PROTECTED_SHARE = 0.8;

  /**
   * The candidate must beat the victim by two, not one. The sketch halves all counters in one
   * sweep, so a key seen just after a halving reads one higher than an equally frequent key seen
   * just before it, at every count: a lead of one is that noise, and admitting on it churns the
   * main region (a loop over more keys than the cache holds replaces one useful entry by another of
   * the same worth on every miss, and a walk back and forth over them replaces entries it is about
   * to meet by ones it has just left).
   *
   * <p>Except at low counts in a cache whose window the tuner has grown past {@link
   * #RECENCY_SHARE}: its workload pays for recency, so a key seen once lately is the likelier to
   * come back than a victim not seen since the last halving, and below {@link #RECENCY_MARGIN_FROM}
   * any lead admits. The window share is the policy's own measure of how much recency pays; tying
   * the low-count rule to it makes the two one adaptation.
   */
  private static final int MARGIN = 1;

  /** The window share above which low counts need no margin (see {@link #MARGIN}). */
  static final double RECENCY_SHARE = 0.14;

  /** The victim frequency from which a recency-tuned cache demands the margin too. */
  private static final int RECENCY_MARGIN_FROM = 2;

  /**
   * From this frequency on (of the sketch's 15) a candidate that loses its duel still gets in, one
   * time in {@link #WARM_ADMISSION_ODDS}. Without it, a victim whose count is stale, or one that
   * ties with every candidate because a loop or a saturated counter gives all keys the same count,
   * holds its place for as long as the counts stay level; a rare admission of a key that is clearly
   * in use lets the main region follow. Cold candidates (a scan, one-offs) never qualify, so the
   * scan resistance of the duel is kept. The same rule and threshold as Caffeine's.
   */
  static final int WARM_CANDIDATE = 6;

  /** The odds, one in this many, that a warm candidate which lost its duel gets in anyway. */
  static final int WARM_ADMISSION_ODDS = 128;

  private final long maximum;
  private final FrequencySketch sketch;

  /** Whether accesses are counted into the sketch: false in a shadow, which only reads it. */
  private final boolean countsAccesses;

  /** Null in a shadow, whose share is fixed by whoever runs it. */
  private final WindowTuner tuner;

  private final NodeList<K, V> window = new NodeList<>();
  private final NodeList<K, V> probation = new NodeList<>();
  private final RankedClock<K, V> protectedClock = new RankedClock<>(MAX_RANK);

  /**
   * The state of the xorshift generator behind {@link #WARM_ADMISSION_ODDS}: fixed seed, so that a
   * replay is deterministic (maintenance thread only, like every field here).
   */
  private long admissionRandom = 0x9E3779B97F4A7C15L;

  private long weightedSize;
  private double windowShare;

  /** The victim frequency from which a duel demands {@link #MARGIN}: set with the share. */
  private int marginFrom;

  private long windowMaximum;
  private long protectedMaximum;

  Policy(long maximum, FrequencySketch sketch) {
    this(maximum, sketch, true, new WindowTuner(maximum, sketch));
    setWindowShare(tuner.share());
  }

  private Policy(long maximum, FrequencySketch sketch, boolean countsAccesses, WindowTuner tuner) {
    this.maximum = maximum;
    this.sketch = sketch;
    this.countsAccesses = countsAccesses;
    this.tuner = tuner;
  }

  /** A scaled copy for a {@link WindowTuner}: fixed window share, reads {@code sketch} only. */
  static Policy<Object, Object> shadow(long maximum, FrequencySketch sketch, double windowShare) {
    Policy<Object, Object> p = new Policy<>(maximum, sketch, false, null);
    p.setWindowShare(windowShare);
    return p;
  }

  /**
   * Fills this policy, an empty shadow, with copies of those of {@code source}'s nodes that {@code
   * copier} copies (it returns null for a node to leave out), each in the same region, place and
   * rank. The copier makes a node's copy and indexes it.
   */
  void copyOf(Policy<?, ?> source, Function<PolicyNode<?, ?>, PolicyNode<K, V>> copier) {
    for (PolicyNode<?, ?> n = source.window.first(); n != null; n = n.next) {
      copy(n, copier, WINDOW);
    }
    for (PolicyNode<?, ?> n = source.probation.first(); n != null; n = n.next) {
      copy(n, copier, PROBATION);
    }
    // From the hand on, each behind the last: the same circle with the hand in the same place.
    source.protectedClock.forEach(n -> copy(n, copier, PROTECTED));
  }

  /**
   * Places {@code copier}'s copy of {@code n} at the end of {@code queue}, unless it left it out.
   */
  private void copy(
      PolicyNode<?, ?> n, Function<PolicyNode<?, ?>, PolicyNode<K, V>> copier, byte queue) {
    PolicyNode<K, V> copy = copier.apply(n);
    if (copy == null) {
      return;
    }
    copy.setPolicyWeight(n.policyWeight());
    copy.queue = queue;
    weightedSize += n.policyWeight();
    if (queue == WINDOW) {
      window.append(copy);
    } else if (queue == PROBATION) {
      probation.append(copy);
    } else {
      protectedClock.insert(copy, n.rank);
    }
  }

  long weightedSize() {
    return weightedSize;
  }

  long maximum() {
    return maximum;
  }

  /** The window's share of the capacity, as last set. */
  double windowShare() {
    return windowShare;
  }

  /** The most weight the window holds before its eldest entries move on to admission. */
  long windowMaximum() {
    return windowMaximum;
  }

  long windowWeight() {
    return window.weight();
  }

  long probationWeight() {
    return probation.weight();
  }

  long protectedWeight() {
    return protectedClock.weight();
  }

  /** Sets the window's share of the capacity; the regions reach their new sizes as entries move. */
  void setWindowShare(double share) {
    windowShare = share;
    windowMaximum = Math.max(1, (long) (maximum * share));
    protectedMaximum = (long) ((maximum - Math.min(maximum, windowMaximum)) * PROTECTED_SHARE);
    marginFrom = share > RECENCY_SHARE ? RECENCY_MARGIN_FROM : 0;
  }

  // ---------------------------------------------------------------- events

  /** A new live node: it joins the window's young end. */
  void onAdd(PolicyNode<K, V> node) {
    if (countsAccesses) {
      sketch.ensureCapacity(entries() + 1);
      sketch.increment(node.hash);
    }
    int weight = node.weightOpaque(); // once: a writer may change it meanwhile (queued again then)
    node.setPolicyWeight(weight);
    weightedSize += weight;
    node.queue = WINDOW;
    window.append(node);
    tune(node);
  }

  /** A node the policy tracks changed its weight. */
  void onWeightChange(PolicyNode<K, V> node) {
    int weight = node.weightOpaque(); // once, as in onAdd
    int delta = weight - node.policyWeight();
    node.setPolicyWeight(weight);
    weightedSize += delta;
    if (node.queue == WINDOW) {
      window.addWeight(delta);
    } else if (node.queue == PROBATION) {
      probation.addWeight(delta);
    } else if (node.queue == PROTECTED) {
      protectedClock.addWeight(delta);
    }
  }

  /** A node left the cache (removed, expired, evicted). No-op for a node the policy lacks. */
  void onRemove(PolicyNode<K, V> node) {
    if (node.queue == WINDOW) {
      window.remove(node);
    } else if (node.queue == PROBATION) {
      probation.remove(node);
    } else if (node.queue == PROTECTED) {
      protectedClock.remove(node);
    } else {
      return;
    }
    weightedSize -= node.policyWeight();
    node.queue = NONE;
  }

  /** A recorded hit on {@code node}. */
  void onHit(PolicyNode<K, V> node) {
    if (countsAccesses) {
      sketch.increment(node.hash);
    }
    if (node.queue == WINDOW) {
      window.moveToBack(node);
    } else if (node.queue == PROBATION) {
      probation.remove(node);
      node.queue = PROTECTED;
      protectedClock.insert(node, PROMOTED_RANK); // the overflow is demoted by the next evict
    } else if (node.queue == PROTECTED) {
      protectedClock.hit(node);
    }
    tune(node);
  }

  /**
   * Forgets every dead node (after a clear killed them) and the sketch; keeps the live nodes, which
   * were written after the clear passed their segment, and the learned window share.
   */
  void forgetDeadAndFrequencies() {
    Predicate<PolicyNode<K, V>> dead = n -> n.valueAcquire() == null;
    Consumer<PolicyNode<K, V>> forget = this::forgotten;
    window.removeIf(dead, forget);
    probation.removeIf(dead, forget);
    protectedClock.removeIf(dead, forget);
    sketch.reset();
  }

  private void forgotten(PolicyNode<K, V> n) {
    weightedSize -= n.policyWeight();
    n.queue = NONE;
    n.rank = 0;
  }

  /** Feeds the access to the tuner, which starts the first time the cache is full. */
  private void tune(PolicyNode<K, V> node) {
    if (tuner == null) {
      return;
    }
    if (!tuner.started()) {
      if (weightedSize < maximum || maximum == 0) {
        return; // not full yet, or a cache that holds nothing: no share to choose
      }
      tuner.start(entries(), this);
    }
    if (tuner.record(node.hash, node.policyWeight())) {
      setWindowShare(tuner.share());
    }
  }

  // ---------------------------------------------------------------- eviction

  /**
   * Brings the window back to its share and the cache back within its bound, handing every entry it
   * gives up to {@code evictor}. An entry the evictor cannot take now (a writer holds its segment)
   * is passed over for another; after a turn of failures the rest waits for the next round.
   */
  void evict(Evictor<K, V> evictor) {
    long failures = 0;
    while (window.weight() > windowMaximum && !window.isEmpty()) {
      PolicyNode<K, V> candidate = window.first();
      PolicyNode<K, V> victim = weightedSize > maximum ? mainVictim() : null;
      if (victim == null) {
        admitToMain(candidate); // room to spare (or nothing to duel): no duel
      } else if (!admit(candidate, victim)) {
        passOver(victim); // it won: the next duel meets the next victim
        if (!evictor.evict(candidate)) {
          admitToMain(candidate); // busy: it stays, the loop below makes room if need be
        }
      } else if (evictor.evict(victim)) {
        admitToMain(candidate);
      } else if (++failures > mainSize()) {
        return;
      } else {
        passOver(victim); // busy: it keeps its place in the main region
      }
    }
    while (weightedSize > maximum) {
      PolicyNode<K, V> victim = mainVictim();
      if (victim == null) {
        victim = window.first();
        if (victim == null || !evictor.evict(victim)) {
          return;
        }
      } else if (!evictor.evict(victim)) {
        if (++failures > mainSize()) {
          return;
        }
        passOver(victim);
      }
    }
    demoteOverflow();
  }

  /**
   * The TinyLFU duel: the candidate gets in if it was seen more often than the victim by a margin
   * that halving noise cannot make up (see {@link #MARGIN}), or, if it is warm, by a rare draw (see
   * {@link #WARM_CANDIDATE}).
   */
  private boolean admit(PolicyNode<K, V> candidate, PolicyNode<K, V> victim) {
    int victimFrequency = sketch.frequency(victim.hash);
    int margin = victimFrequency >= marginFrom ? MARGIN : 0;
    int candidateFrequency = sketch.frequency(candidate.hash);
    if (candidateFrequency > victimFrequency + margin) {
      return true;
    }
    return candidateFrequency >= WARM_CANDIDATE && nextRandom() % WARM_ADMISSION_ODDS == 0;
  }

  /** The next draw of a xorshift64 generator, non-negative. */
  private long nextRandom() {
    long x = admissionRandom;
    x ^= x << 13;
    x ^= x >>> 7;
    x ^= x << 17;
    admissionRandom = x;
    return x >>> 1;
  }

  /** The next main entry to give up: probation's eldest, or the protected Clock's choice. */
  private PolicyNode<K, V> mainVictim() {
    PolicyNode<K, V> eldest = probation.first();
    return eldest != null ? eldest : protectedClock.victim();
  }

  /** Moves on from {@code victim}, which stays: to the back of probation, or past the hand. */
  private void passOver(PolicyNode<K, V> victim) {
    if (victim.queue == PROBATION) {
      probation.moveToBack(victim);
    } else {
      protectedClock.skip();
    }
  }

  private long entries() {
    return window.size() + probation.size() + protectedClock.count();
  }

  private long mainSize() {
    return probation.size() + protectedClock.count();
  }

  private void admitToMain(PolicyNode<K, V> node) {
    window.remove(node);
    node.queue = PROBATION;
    probation.append(node);
  }

  /** Demotes the protected Clock's choices to probation until it is back within its share. */
  private void demoteOverflow() {
    while (protectedClock.weight() > protectedMaximum) {
      PolicyNode<K, V> n = protectedClock.victim();
      protectedClock.remove(n);
      n.queue = PROBATION;
      probation.append(n);
    }
  }
}
