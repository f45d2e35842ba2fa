package io.dualcache.jcache;

/**
 * The engine's figures of one cache over JMX, which the JSR-107 statistics do not have: its size,
 * its bound, evictions by cause and the state of its policy. Registered on the platform MBean
 * server as {@code io.dualcache:type=DualCacheMetrics,CacheManager=<uri>,Cache=<name>} (URI and
 * name made safe as for the JSR-107 MXBeans: {@code ,} {@code :} {@code =} and newlines become
 * {@code .}) whenever the cache's statistics MXBean is: while statistics are enabled and the cache
 * is open. Every attribute is a few loads or a sum of counters; reading one never blocks the cache.
 *
 * <p>For a cache shared through Redis the figures are those of this JVM's near cache ({@link
 * #isNearCache()}): Redis holds the data of record, and its size is not counted here.
 *
 * @see io.dualcache.engine.EngineMetrics
 */
public interface DualCacheMetricsMXBean {

  /** The number of entries (for a shared cache: in the near cache). */
  long getSize();

  /**
   * The total weight of the entries as of the last maintenance round; the number of entries when
   * bounded by size, -1 when unbounded.
   */
  long getWeightedSize();

  /** The maximum number of entries; -1 unless the cache is bounded by size. */
  long getMaximumSize();

  /** The maximum total weight; -1 unless the cache is bounded by weight. */
  long getMaximumWeight();

  /** Entries evicted to keep within the bound. */
  long getEvictionsBySize();

  /** Entries removed because they expired (by a read, a write, the sweep or an eviction). */
  long getEvictionsByExpiry();

  /**
   * The share of hits recorded for the policy now: 1 = all, down to 1/16 under pressure; 0 = none.
   */
  double getHitSamplingRate();

  /** The admission window's share of the bound, as the policy tunes it; -1 when unbounded. */
  double getWindowShare();

  /** Refresh-ahead reloads that failed; 0 for a cache without refresh-after-write. */
  long getRefreshFailures();

  /** Whether these are the figures of the near cache of a cache shared through Redis. */
  boolean isNearCache();
}
