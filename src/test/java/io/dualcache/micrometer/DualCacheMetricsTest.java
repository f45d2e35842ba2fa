package io.dualcache.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualcache.engine.DualCache;
import io.dualcache.jcache.DualCacheConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Micrometer meters follow what the cache really did. */
class DualCacheMetricsTest {

  private final CacheManager manager =
      Caching.getCachingProvider()
          .getCacheManager(URI.create("test-micrometer-" + System.nanoTime()), null);
  private final MeterRegistry registry = new SimpleMeterRegistry();

  @AfterEach
  void close() {
    manager.close();
  }

  /** Loads the first value, then fails: every reload ahead of expiry fails. */
  public static final class FirstLoadOnly
      implements javax.cache.integration.CacheLoader<String, String>, java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final java.util.concurrent.atomic.AtomicInteger loads =
        new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public String load(String key) {
      if (loads.incrementAndGet() > 1) {
        throw new IllegalStateException("source down");
      }
      return "first";
    }

    @Override
    public java.util.Map<String, String> loadAll(Iterable<? extends String> keys) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void aRefreshingCacheCountsItsFailedReloads() {
    DualCacheConfiguration<String, String> configuration = new DualCacheConfiguration<>();
    configuration.setReadThrough(true);
    configuration.setCacheLoaderFactory(
        javax.cache.configuration.FactoryBuilder.factoryOf(new FirstLoadOnly()));
    configuration.setExecutor(Runnable::run); // the reload runs inside the get that starts it
    configuration.setRefreshAfterWrite(java.time.Duration.ofMillis(20));
    Cache<String, String> cache = manager.createCache("refreshing", configuration);
    DualCacheMetrics.monitor(registry, cache);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (meter("dualcache.refresh.failures").functionCounter().count() == 0) {
      assertEquals("first", cache.get("k"), "a failed reload keeps the old value");
      assertTrue(System.nanoTime() < deadline, "no reload failed");
    }
    assertEquals(
        (double) cache.unwrap(DualCache.class).metrics().refreshFailures(),
        meter("dualcache.refresh.failures").functionCounter().count());
  }

  @Test
  void aCacheWithoutRefreshHasNoRefreshMeter() {
    DualCacheMetrics.monitor(
        registry, manager.createCache("plain", new DualCacheConfiguration<String, String>()));
    assertNull(registry.find("dualcache.refresh.failures").functionCounter());
  }

  @Test
  void theJsr107CountsTheSizeAndEvictionsByCauseOfABoundedCache() {
    Cache<Integer, String> cache =
        manager.createCache(
            "bounded",
            new DualCacheConfiguration<Integer, String>()
                .setMaximumSize(10)
                .setStatisticsEnabled(true));
    DualCacheMetrics.monitor(registry, cache, "app", "test");
    for (int i = 0; i < 50; i++) {
      cache.put(i, "v" + i);
    }
    cache.unwrap(DualCache.class).cleanUp(); // the evictions now
    int kept = IntStream.range(0, 50).filter(cache::containsKey).findFirst().orElseThrow();
    cache.get(kept); // a hit
    cache.get(-1); // a miss
    cache.remove(kept);
    cache.unwrap(DualCache.class).cleanUp(); // publishes the weighted size

    assertEquals(9, meter("cache.size").gauge().value());
    assertEquals(50, meter("cache.puts").functionCounter().count());
    assertEquals(1, meter("cache.gets").tag("result", "hit").functionCounter().count());
    assertEquals(1, meter("cache.gets").tag("result", "miss").functionCounter().count());
    assertEquals(1, meter("cache.removals").functionCounter().count());
    assertEquals(40, meter("cache.evictions").functionCounter().count());
    assertEquals(40, meter("dualcache.evictions").tag("cause", "size").functionCounter().count());
    assertEquals(0, meter("dualcache.evictions").tag("cause", "expiry").functionCounter().count());
    assertEquals(9, meter("dualcache.weighted.size").gauge().value());
    assertEquals(1.0, meter("dualcache.hit.sampling.rate").gauge().value());
    double share = meter("dualcache.window.share").gauge().value();
    assertTrue(share >= 0 && share <= 1, "window share " + share);
    assertEquals(
        1,
        registry
            .get("cache.size")
            .tags("cache", "bounded", "cache.manager", manager.getURI().toString(), "app", "test")
            .gauges()
            .size(),
        "tagged with the cache, its manager and the given tags");
  }

  @Test
  void sizeAndExpiriesAreCountedEvenWithStatisticsOff() throws Exception {
    MutableConfiguration<String, String> configuration =
        new MutableConfiguration<String, String>()
            .setExpiryPolicyFactory(
                CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MILLISECONDS, 20)));
    Cache<String, String> cache = manager.createCache("expiring", configuration);
    DualCacheMetrics.monitor(registry, cache);
    for (int i = 0; i < 3; i++) {
      cache.put("k" + i, "v");
    }
    assertEquals(3, meter("cache.size").gauge().value());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    // All three, not only k0: the later puts may have deadlines one tick later.
    while (cache.containsKey("k0") || cache.containsKey("k1") || cache.containsKey("k2")) {
      assertTrue(System.nanoTime() < deadline, "the entries did not expire within 10 s");
      TimeUnit.MILLISECONDS.sleep(5);
    }
    assertNull(cache.get("k0"));
    cache.unwrap(DualCache.class).cleanUp();

    assertEquals(0, meter("cache.size").gauge().value());
    assertEquals(3, meter("dualcache.evictions").tag("cause", "expiry").functionCounter().count());
    assertEquals(0, meter("cache.puts").functionCounter().count(), "statistics are off");
    assertNull(
        registry.find("dualcache.weighted.size").meter(), "an unbounded cache has no weight");
    assertNull(registry.find("dualcache.hit.sampling.rate").meter(), "nor records hits");
  }

  @Test
  void aCacheOfAnotherProviderIsRefusedByName() {
    @SuppressWarnings("unchecked")
    Cache<String, String> other =
        (Cache<String, String>)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {Cache.class},
                (proxy, method, args) -> {
                  switch (method.getName()) {
                    case "getName":
                      return "foreign";
                    case "unwrap":
                      throw new IllegalArgumentException("cannot unwrap");
                    default:
                      throw new UnsupportedOperationException(method.getName());
                  }
                });

    assertEquals(false, DualCacheMetrics.supports(other));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> DualCacheMetrics.monitor(registry, other));
    assertTrue(e.getMessage().contains("\"foreign\" is not a DualCache cache"), e.getMessage());
  }

  /** The meter {@code name} of the test's one cache. */
  private RequiredSearch meter(String name) {
    return registry.get(name);
  }
}
