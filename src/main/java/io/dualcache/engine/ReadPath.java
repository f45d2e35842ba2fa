package io.dualcache.engine;

/**
 * The structures a read goes through, built once per cache from its builder and handed to both
 * sides: {@link DualCache} reads them without locks, {@link Maintenance} keeps them (evicts from
 * the index, promotes into the tiers, drains the hit recorder).
 *
 * @param index the main index
 * @param t1 the first hot tier, or null when the tiers are off
 * @param t2 the second hot tier, or null when it is off
 * @param hits the hit recorder, or null when nothing needs hits (no bound, no tiers)
 */
record ReadPath<K, V>(Index<K, V> index, HotTier<K, V> t1, HotTier<K, V> t2, HitRecorder hits) {

  static <K, V> ReadPath<K, V> of(DualCacheBuilder<K, V> b) {
    boolean tiers = b.t1Slots > 0;
    boolean policyWantsHits = b.maximumWeight() >= 0;
    return new ReadPath<>(
        new Index<>(b.segments, b.initialCapacity),
        tiers ? new HotTier<>(b.t1Slots) : null,
        tiers && b.t2Slots > 0 ? new HotTier<>(b.t2Slots) : null,
        policyWantsHits || tiers ? new HitRecorder(b.hitStripes) : null);
  }

  /**
   * Whether maintenance keeps policy state for nodes: when there is a bound or hot tiers, exactly
   * the caches that record hits.
   */
  boolean tracksNodes() {
    return hits != null;
  }
}
