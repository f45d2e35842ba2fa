package io.dualcache.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualcache.engine.DualCache;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryRemovedListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bounds a {@link DualCacheConfiguration} adds, and how evictions show through JSR-107. */
class BoundedCacheTest {

  private CacheManager manager;

  @BeforeEach
  void openManager() {
    manager = TestManagers.fresh("bounds");
  }

  @AfterEach
  void closeManager() {
    manager.close();
  }

  @Test
  void aCacheBoundedToNEntriesHoldsAtMostNAfterCleanUp() {
    Cache<Integer, Integer> cache =
        manager.createCache(
            "bounded",
            new DualCacheConfiguration<Integer, Integer>()
                .setMaximumSize(100)
                .setTypes(Integer.class, Integer.class));

    for (int i = 0; i < 1_000; i++) {
      cache.put(i, i);
    }
    DualCache<?, ?> engine = cache.unwrap(DualCache.class);
    engine.cleanUp();

    assertTrue(engine.size() <= 100, "size after cleanUp: " + engine.size());
    assertTrue(countEntries(cache) <= 100);
  }

  @Test
  void aWeightBoundedCacheKeepsTheTotalWeightWithinTheBound() {
    Cache<Integer, String> cache =
        manager.createCache(
            "weighted",
            new DualCacheConfiguration<Integer, String>()
                .setMaximumWeight(1_000, (key, value) -> value.length())
                .setTypes(Integer.class, String.class));

    for (int i = 0; i < 500; i++) {
      cache.put(i, "x".repeat(1 + i % 40));
    }
    cache.unwrap(DualCache.class).cleanUp();

    int weight = 0;
    for (Cache.Entry<Integer, String> entry : cache) {
      weight += entry.getValue().length();
    }
    assertTrue(weight <= 1_000, "total weight after cleanUp: " + weight);
    assertTrue(weight > 0, "a weight bound of 1000 must keep some entries");
  }

  @Test
  void evictionsAreCountedButFireNoRemovedOrExpiredEvent() {
    RemovalRecorder.EVENTS.clear();
    DualCacheConfiguration<Integer, Integer> configuration =
        new DualCacheConfiguration<Integer, Integer>().setMaximumSize(10);
    configuration.setStatisticsEnabled(true);
    configuration.addCacheEntryListenerConfiguration(
        new MutableCacheEntryListenerConfiguration<>(
            FactoryBuilder.factoryOf(RemovalRecorder.class), null, true, true));
    Cache<Integer, Integer> cache = manager.createCache("evicting", configuration);

    for (int i = 0; i < 100; i++) {
      cache.put(i, i);
    }
    DualCache<?, ?> engine = cache.unwrap(DualCache.class);
    engine.cleanUp();

    long remaining = engine.size();
    CacheStatistics statistics = cache.unwrap(DualJCache.class).statistics();
    assertEquals(100 - remaining, statistics.getCacheEvictions());
    assertEquals(100, statistics.getCachePuts());
    assertEquals(List.of(), RemovalRecorder.EVENTS, "evictions are no JSR-107 events");
  }

  private static int countEntries(Cache<?, ?> cache) {
    int count = 0;
    for (Cache.Entry<?, ?> ignored : cache) {
      count++;
    }
    return count;
  }

  /** Records removed and expired events (there must be none for evictions). */
  public static final class RemovalRecorder
      implements CacheEntryRemovedListener<Integer, Integer>,
          CacheEntryExpiredListener<Integer, Integer> {
    static final List<String> EVENTS = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onRemoved(Iterable<CacheEntryEvent<? extends Integer, ? extends Integer>> events) {
      events.forEach(e -> EVENTS.add("removed " + e.getKey()));
    }

    @Override
    public void onExpired(Iterable<CacheEntryEvent<? extends Integer, ? extends Integer>> events) {
      events.forEach(e -> EVENTS.add("expired " + e.getKey()));
    }
  }

  @Test
  void theBoundIsReportedBackByGetConfiguration() {
    Cache<Integer, Integer> cache =
        manager.createCache(
            "reported", new DualCacheConfiguration<Integer, Integer>().setMaximumSize(42));

    @SuppressWarnings("unchecked")
    DualCacheConfiguration<Integer, Integer> configuration =
        cache.getConfiguration(DualCacheConfiguration.class);

    assertEquals(42, configuration.getMaximumSize().orElseThrow());
    assertTrue(configuration.getMaximumWeight().isEmpty());
  }
}
