package io.dualcache.micrometer;

import io.dualcache.engine.DualCache;
import io.dualcache.engine.EngineMetrics;
import io.dualcache.jcache.DualCacheConfiguration;
import io.dualcache.jcache.DualJCache;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinder;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import javax.cache.Cache;
import javax.cache.management.CacheStatisticsMXBean;

/**
 * Micrometer's cache meters for a DualCache JCache cache, read straight from the cache (no JMX):
 * what Micrometer's own {@code JCacheMetrics} publishes, plus the size that JSR-107 statistics
 * lack.
 *
 * <ul>
 *   <li>{@code cache.size}: the number of entries (for a cache shared through Redis, in this JVM's
 *       near cache);
 *   <li>{@code cache.gets{result=hit|miss}}, {@code cache.puts}, {@code cache.removals}, {@code
 *       cache.evictions}: the JSR-107 statistics, which count only while the cache's statistics are
 *       enabled;
 *   <li>{@code dualcache.evictions{cause=size|expiry}}: entries evicted for the bound, and entries
 *       removed because they expired, counted by the engine whether or not statistics are on;
 *   <li>for a bounded cache, {@code dualcache.weighted.size} and the policy's {@code
 *       dualcache.window.share}; for a cache that records hits, {@code
 *       dualcache.hit.sampling.rate}; for a cache with refresh-after-write, {@code
 *       dualcache.refresh.failures}.
 * </ul>
 *
 * Every meter is tagged {@code cache=<name>} and {@code cache.manager=<the manager's URI>} (a tag
 * of that key among the given ones wins), and reads the cache through a weak reference, as
 * Micrometer's binders do: a meter of a cache that was garbage collected reads 0. Reading a meter
 * costs a few loads or a sum of counters, and nothing on the cache's operations.
 *
 * <pre>{@code
 * DualCacheMetrics.monitor(registry, cache, "app", "catalog");
 * }</pre>
 */
public final class DualCacheMetrics extends CacheMeterBinder<DualJCache<?, ?>> {

  /**
   * Binds the meters of {@code cache} to {@code registry}.
   *
   * @param tags more tags, as key-value pairs
   * @return the cache
   * @throws IllegalArgumentException if {@code cache} is not a DualCache cache
   */
  public static <K, V, C extends Cache<K, V>> C monitor(
      MeterRegistry registry, C cache, String... tags) {
    return monitor(registry, cache, Tags.of(tags));
  }

  /**
   * Binds the meters of {@code cache} to {@code registry}.
   *
   * @return the cache
   * @throws IllegalArgumentException if {@code cache} is not a DualCache cache
   */
  public static <K, V, C extends Cache<K, V>> C monitor(
      MeterRegistry registry, C cache, Iterable<Tag> tags) {
    new DualCacheMetrics(cache, tags).bindTo(registry);
    return cache;
  }

  /** Whether {@code cache} is a DualCache cache, so that these meters can be bound to it. */
  public static boolean supports(Cache<?, ?> cache) {
    if (cache instanceof DualJCache) {
      return true;
    }
    try {
      cache.unwrap(DualJCache.class); // a wrapper around one, which unwraps to it
      return true;
    } catch (IllegalArgumentException notOne) {
      return false;
    }
  }

  /**
   * The meters of {@code cache}, to bind with {@link #bindTo}.
   *
   * @throws IllegalArgumentException if {@code cache} is not a DualCache cache
   */
  public DualCacheMetrics(Cache<?, ?> cache, Iterable<Tag> tags) {
    super(
        dualCacheOf(cache),
        cache.getName(),
        Tags.of("cache.manager", cache.getCacheManager().getURI().toString()).and(tags));
  }

  private static DualJCache<?, ?> dualCacheOf(Cache<?, ?> cache) {
    if (!supports(cache)) {
      throw new IllegalArgumentException(
          "cache \"" + cache.getName() + "\" is not a DualCache cache: " + cache.getClass());
    }
    return cache.unwrap(DualJCache.class);
  }

  @Override
  protected Long size() {
    DualJCache<?, ?> cache = getCache();
    return cache == null ? null : engine(cache).size();
  }

  @Override
  protected long hitCount() {
    return statistic(CacheStatisticsMXBean::getCacheHits);
  }

  @Override
  protected Long missCount() {
    return statistic(CacheStatisticsMXBean::getCacheMisses);
  }

  @Override
  protected Long evictionCount() {
    return statistic(CacheStatisticsMXBean::getCacheEvictions);
  }

  @Override
  protected long putCount() {
    return statistic(CacheStatisticsMXBean::getCachePuts);
  }

  @Override
  protected void bindImplementationSpecificMetrics(MeterRegistry registry) {
    DualJCache<?, ?> cache = getCache();
    if (cache == null) {
      return;
    }
    Iterable<Tag> tags = getTagsWithCacheName();
    FunctionCounter.builder("cache.removals", cache, c -> c.statisticsMXBean().getCacheRemovals())
        .tags(tags)
        .description("The number of entries removed from the cache (JSR-107 statistics)")
        .register(registry);
    engineCounter(
        "dualcache.evictions",
        Tags.of("cause", "size"),
        EngineMetrics::evictionsBySize,
        "Entries evicted to keep within the bound",
        registry);
    engineCounter(
        "dualcache.evictions",
        Tags.of("cause", "expiry"),
        EngineMetrics::evictionsByExpiry,
        "Entries removed as they expired",
        registry);
    EngineMetrics engine = engine(cache);
    if (engine.isBounded()) {
      engineGauge(
          "dualcache.weighted.size",
          EngineMetrics::weightedSize,
          "The entries' total weight (their number when bounded by size)",
          registry);
      engineGauge(
          "dualcache.window.share",
          EngineMetrics::windowShare,
          "The policy's admission window, as a share of the bound",
          registry);
    }
    if (cache.getConfiguration(DualCacheConfiguration.class).getRefreshAfterWrite().isPresent()) {
      engineCounter(
          "dualcache.refresh.failures",
          Tags.empty(),
          EngineMetrics::refreshFailures,
          "Refresh-ahead reloads that failed (the old value stayed)",
          registry);
    }
    if (engine.hitSamplingRate() > 0) {
      engineGauge(
          "dualcache.hit.sampling.rate",
          EngineMetrics::hitSamplingRate,
          "The share of hits the engine records for its policy",
          registry);
    }
  }

  /** A counter of the engine's figures, tagged with the cache's tags and {@code extraTags}. */
  private void engineCounter(
      String name,
      Tags extraTags,
      ToLongFunction<EngineMetrics> count,
      String description,
      MeterRegistry registry) {
    FunctionCounter.<DualJCache<?, ?>>builder(name, getCache(), c -> count.applyAsLong(engine(c)))
        .tags(getTagsWithCacheName())
        .tags(extraTags)
        .description(description)
        .register(registry);
  }

  private void engineGauge(
      String name,
      ToDoubleFunction<EngineMetrics> value,
      String description,
      MeterRegistry registry) {
    Gauge.<DualJCache<?, ?>>builder(name, getCache(), c -> value.applyAsDouble(engine(c)))
        .tags(getTagsWithCacheName())
        .description(description)
        .register(registry);
  }

  /** A JSR-107 statistic of the cache, or 0 once it was garbage collected. */
  private long statistic(ToLongFunction<CacheStatisticsMXBean> statistic) {
    DualJCache<?, ?> cache = getCache();
    return cache == null ? 0 : statistic.applyAsLong(cache.statisticsMXBean());
  }

  /** The engine's figures: of the cache's engine, or of the near cache of a shared cache. */
  private static EngineMetrics engine(DualJCache<?, ?> cache) {
    return cache.unwrap(DualCache.class).metrics();
  }
}
