package io.dualcache.engine;

/**
 * Chooses the window's share of the capacity by experiment rather than by guess. Three {@link
 * Shadow}s replay the same sample of the accesses at three shares on a ladder: the current one and
 * one probe on each side. When one probe hits significantly more often than the middle, the share
 * moves to it. Recency-skewed workloads (a key comes back soon after its first use, then rarely)
 * thus get a large window, and frequency-skewed ones or loops a small one.
 *
 * <p>Why shadows rather than a hill climber that compares the hit rate of one period with the
 * previous one: the hit rate of a real workload drifts from period to period far more than a change
 * of window moves it, so such a climber mostly follows noise. The shadows see the same requests at
 * the same time, so their difference is the effect of the share alone (a paired comparison), and a
 * sign test on the requests where exactly one of two shadows hit tells a real difference from
 * chance.
 *
 * <p>Every round starts the probes as copies of the middle shadow (the winner of the last round, if
 * a probe won, becomes the middle). All three then differ only in their share, from the same
 * contents on, so the round measures what moving the share would do from the present state. Probes
 * that kept their own contents from round to round (each had run at other shares before) differed
 * by that history too: a probe freshly moved to a share needs a turnover or more before its
 * contents reflect it, and its lead or lag meanwhile is the move's transient, noise that the sign
 * test may take for a real difference. Copies also make two shadows at the same share (a probe
 * clamped at an end of the ladder) identical, so they never disagree.
 *
 * <p>Cost: a key is sampled if its hash falls in one of {@code 2^k} buckets, {@code k} chosen when
 * the cache first fills so that each shadow holds at most {@link #SHADOW_ENTRIES} entries (a cache
 * that never fills pays nothing). A cache up to that size is replayed whole, three times; a larger
 * one a sample of about that many keys. Memory: three shadows of up to that many nodes (the two
 * copies made at the end of a round replace the probes, which become garbage: at most twice that
 * many nodes allocated per round, and a round is at least a quarter of a shadow's size in samples).
 *
 * <p>The probes' distance on the ladder cycles through {@link #PROBE_DISTANCES} from one decision
 * to the next: near probes refine, far ones find a better share across a plateau where the near
 * ones all do equally badly (a window too small to catch any reuse is as useless a step larger).
 */
final class WindowTuner {

  /**
   * The ladder of window shares: fine steps where small windows differ most. It goes up to the
   * whole cache (a pure LRU), so that where recency wins the tuner can get all of it: a workload
   * whose popular keys keep changing is served worse by any frequency-filtered main region, however
   * small, than by none.
   */
  static final double[] SHARES = {
    0, 0.005, 0.01, 0.02, 0.04, 0.08, 0.14, 0.22, 0.32, 0.44, 0.58, 0.72, 0.8, 0.9, 1,
  };

  /** The share a cache starts with, 1%: the best for frequency-skewed workloads. */
  static final int INITIAL_LEVEL = 2;

  /** Most entries a shadow holds. */
  static final int SHADOW_ENTRIES = 512;

  private static final int[] PROBE_DISTANCES = {1, 2, 4};

  /** How many standard deviations a probe's lead must exceed to count. */
  private static final double SIGNIFICANCE = 2.5;

  /** Added to the threshold: a lead of a couple of requests is never enough. */
  private static final int MIN_LEAD = 2;

  private final long maximum;
  private final FrequencySketch sketch;

  private Shadow lower;
  private Shadow middle;
  private Shadow upper;

  private int sampleMask;
  private long minRound;
  private long maxRound;

  private int level = INITIAL_LEVEL;
  private int round;

  // The current round: requests sampled, and per probe the requests where it and the middle
  // disagreed (splits) and how many more of those the probe hit than the middle (lead).
  private long samples;
  private long lowerSplits;
  private long lowerLead;
  private long upperSplits;
  private long upperLead;

  WindowTuner(long maximum, FrequencySketch sketch) {
    this.maximum = maximum;
    this.sketch = sketch;
  }

  /** The window's share of the capacity to use now. */
  double share() {
    return SHARES[level];
  }

  boolean started() {
    return middle != null;
  }

  /**
   * Creates the shadows, sized after {@code entries}, the number of entries of the cache when it
   * first filled, and fills them with the sampled part of {@code contents}, the cache's policy.
   * Until then every share behaves the same (nothing is evicted), so there is nothing to learn.
   *
   * <p>Why not start them empty: a shadow learns nothing until it is full, so empty shadows spent
   * their first round filling up, all alike (a round of a large cache is four times its size in
   * requests: 80,000 for one of 20,000 entries), before the first comparison could begin; and the
   * probes then compared shares from contents of their own making rather than the cache's. Seeded,
   * the first round compares the shares from what the cache holds now, like every later one. Cost:
   * one pass over the cache's policy lists, once (about 10 ms per million entries, measured).
   */
  void start(long entries, Policy<?, ?> contents) {
    int k = 0;
    while (k < 30 && (entries >> k) > SHADOW_ENTRIES) {
      k++;
    }
    sampleMask = (1 << k) - 1;
    long shadowMaximum = Math.max(1, maximum >> k);
    long shadowEntries = Math.max(1, entries >> k);
    // A round needs enough requests for a shadow's contents to reflect its share, and should end
    // once a lead is clear; a round that finds none ends after a few turnovers of the shadow.
    minRound = Math.max(1, shadowEntries / 4);
    maxRound = 4 * shadowEntries;
    middle = Shadow.of(contents, this::sampled, shadowMaximum, sketch);
    lower = middle.copy();
    upper = middle.copy();
    placeShadows();
  }

  /**
   * Records an access to the key with spread hash {@code hash}; returns true if the share changed.
   */
  boolean record(int hash, int weight) {
    if (!sampled(hash)) {
      return false;
    }
    boolean middleHit = middle.access(hash, weight);
    boolean lowerHit = lower.access(hash, weight);
    boolean upperHit = upper.access(hash, weight);
    if (lowerHit != middleHit) {
      lowerSplits++;
      lowerLead += lowerHit ? 1 : -1;
    }
    if (upperHit != middleHit) {
      upperSplits++;
      upperLead += upperHit ? 1 : -1;
    }
    if (++samples < minRound) {
      return false;
    }
    int previous = level;
    int distance = PROBE_DISTANCES[round % PROBE_DISTANCES.length];
    if (significant(upperLead, upperSplits) && upperLead >= lowerLead) {
      level = Math.min(SHARES.length - 1, level + distance);
    } else if (significant(lowerLead, lowerSplits)) {
      level = Math.max(0, level - distance);
    } else if (samples < maxRound) {
      return false;
    }
    samples = lowerSplits = lowerLead = upperSplits = upperLead = 0;
    round++;
    if (level > previous) {
      middle = upper; // it has run at the new share for a round already
    } else if (level < previous) {
      middle = lower;
    }
    lower = middle.copy();
    upper = middle.copy();
    placeShadows();
    return level != previous;
  }

  /**
   * A sign test: were both shares equally good, each split would go either way like a coin, and the
   * lead would stay within a few times {@code sqrt(splits)}. It is checked after every sampled
   * request, which makes chance leads likelier than one look would: hence 2.5 deviations, not 2.
   */
  private static boolean significant(long lead, long splits) {
    return lead > SIGNIFICANCE * Math.sqrt((double) splits) + MIN_LEAD;
  }

  private boolean sampled(int hash) {
    int h = hash * 0x85EBCA6B; // remixed: the engine's spread hash also picks index slots
    return ((h ^ (h >>> 15)) & sampleMask) == 0;
  }

  /** Puts the middle shadow at the current share and the probes at the round's distance. */
  private void placeShadows() {
    int distance = PROBE_DISTANCES[round % PROBE_DISTANCES.length];
    lower.setWindowShare(SHARES[Math.max(0, level - distance)]);
    middle.setWindowShare(SHARES[level]);
    upper.setWindowShare(SHARES[Math.min(SHARES.length - 1, level + distance)]);
  }

  /** The most entries a shadow holds now (for tests); 0 before the start. */
  int largestShadow() {
    return started() ? Math.max(middle.size(), Math.max(lower.size(), upper.size())) : 0;
  }
}
