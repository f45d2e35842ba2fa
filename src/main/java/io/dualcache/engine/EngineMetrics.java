package io.dualcache.engine;

/**
 * What a cache's engine is doing, for monitoring: a read-only view, {@link DualCache#metrics()}.
 * Every method is a few plain or opaque loads (sizes, the bound, the policy's state) or a sum of
 * counters, callable from any thread at any time, also after the cache closed (then the sizes read
 * 0); none takes a lock or waits for maintenance. The figures are as of the last maintenance round
 * or the last removal: exact after {@link DualCache#cleanUp()} with no write in flight, and never
 * more than a round behind otherwise.
 *
 * <p>Keeping these figures costs a cache nothing on a hit and nothing on a write that removes no
 * entry: the counters move only where an entry leaves (see {@link EngineCounters}).
 */
public final class EngineMetrics {

  private final Index<?, ?> index;
  private final Maintenance<?, ?> maintenance;
  private final EngineCounters counters;
  private final DualCache<?, ?> cache;
  private final long maximumWeight;
  private final boolean weighted;
  private final boolean recordsHits;

  EngineMetrics(
      DualCache<?, ?> cache,
      DualCacheBuilder<?, ?> b,
      ReadPath<?, ?> read,
      Maintenance<?, ?> maintenance) {
    this.cache = cache;
    this.index = read.index();
    this.maintenance = maintenance;
    this.counters = maintenance.counters;
    this.maximumWeight = b.maximumWeight();
    this.weighted = b.weigher != null;
    this.recordsHits = read.hits() != null;
  }

  /** The number of entries, expired ones that were not removed yet included. */
  public long size() {
    return index.size();
  }

  /**
   * The total weight of the entries as of the last maintenance round: the number of entries for a
   * cache bounded by size, -1 for an unbounded cache (which keeps no account).
   */
  public long weightedSize() {
    return maintenance.weightedSize();
  }

  /** Whether the cache has a bound (a maximum size or a maximum weight). */
  public boolean isBounded() {
    return maximumWeight >= 0;
  }

  /** Whether the bound is a maximum weight (entries weighed by a weigher) rather than a count. */
  public boolean isWeighted() {
    return weighted;
  }

  /**
   * The bound: the maximum number of entries, or with {@link #isWeighted()} the maximum total
   * weight; -1 for an unbounded cache.
   */
  public long maximum() {
    return maximumWeight;
  }

  /** Entries evicted to keep the cache within its bound, since it was built. */
  public long evictionsBySize() {
    return counters.evictedBySizeOpaque();
  }

  /**
   * Entries removed because they expired, since the cache was built: found by a read or a write,
   * swept by maintenance, or chosen for eviction when already past their deadline.
   */
  public long evictionsByExpiry() {
    return counters.expiredSum();
  }

  /**
   * The share of hits the engine records for its policy now: 1 records every hit, 1/16 is the least
   * it goes down to when the hit rings fill faster than maintenance drains them; 0 for a cache that
   * records no hits (unbounded without hot tiers: no policy needs them).
   */
  public double hitSamplingRate() {
    if (!recordsHits) {
      return 0;
    }
    long mask = cache.hitFilterOpaque() & 0xFFFF_FFFFL;
    return 1.0 / (mask + 1);
  }

  /**
   * The share of the bound the policy's admission window has now (the {@code WindowTuner} moves it
   * between 0 and 1 to suit the workload); -1 for an unbounded cache, which has no policy.
   */
  public double windowShare() {
    return counters.windowShareOpaque();
  }

  /**
   * Refresh-ahead reloads that failed (the loader threw, or the executor refused the task) since
   * the cache was built; 0 for a cache that does not refresh.
   */
  public long refreshFailures() {
    return cache.refreshFailureCount();
  }

  @Override
  public String toString() {
    return "EngineMetrics[size="
        + size()
        + ", weightedSize="
        + weightedSize()
        + ", maximum="
        + maximum()
        + (weighted ? " (weight)" : "")
        + ", evictionsBySize="
        + evictionsBySize()
        + ", evictionsByExpiry="
        + evictionsByExpiry()
        + ", hitSamplingRate="
        + hitSamplingRate()
        + ", windowShare="
        + windowShare()
        + ", refreshFailures="
        + refreshFailures()
        + "]";
  }
}
