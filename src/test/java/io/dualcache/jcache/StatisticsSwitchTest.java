package io.dualcache.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Statistics are off by default, count nothing while off and count from the moment they are on. */
class StatisticsSwitchTest {

  private CacheManager manager;

  @BeforeEach
  void openManager() {
    manager = TestManagers.fresh("statistics");
  }

  @AfterEach
  void closeManager() {
    manager.close();
  }

  @Test
  void nothingIsCountedWhileStatisticsAreOff() {
    Cache<String, String> cache = manager.createCache("quiet", new MutableConfiguration<>());
    CacheStatistics statistics = cache.unwrap(DualJCache.class).statistics();

    exercise(cache);

    assertEquals(0, statistics.getCacheGets());
    assertEquals(0, statistics.getCachePuts());
    assertEquals(0, statistics.getCacheRemovals());
    assertEquals(0f, statistics.getAverageGetTime());
  }

  /** By reference, a get with statistics off skips to the engine: the switch must still count. */
  @ParameterizedTest(name = "store by value: {0}")
  @ValueSource(booleans = {true, false})
  void enablingStatisticsCountsTheOperationsFromThenOn(boolean storeByValue) {
    Cache<String, String> cache =
        manager.createCache(
            "switched", new MutableConfiguration<String, String>().setStoreByValue(storeByValue));
    CacheStatistics statistics = cache.unwrap(DualJCache.class).statistics();
    exercise(cache);

    manager.enableStatistics("switched", true);
    exercise(cache);

    // exercise(): 2 puts, a hit and a miss by get, a hit and a miss by getAll, 1 removal
    assertEquals(2, statistics.getCachePuts());
    assertEquals(2, statistics.getCacheHits());
    assertEquals(2, statistics.getCacheMisses());
    assertEquals(1, statistics.getCacheRemovals());
    assertEquals(50f, statistics.getCacheHitPercentage());

    manager.enableStatistics("switched", false);
    exercise(cache);
    assertEquals(2, statistics.getCachePuts());
    assertEquals(2, statistics.getCacheHits());

    manager.enableStatistics("switched", true);
    cache.put("a", "1");
    cache.get("a");
    assertEquals(3, statistics.getCacheHits(), "counted again once back on");
  }

  @ParameterizedTest(name = "store by value: {0}")
  @ValueSource(booleans = {true, false})
  void aCacheCreatedWithStatisticsCountsItsFirstGet(boolean storeByValue) {
    MutableConfiguration<String, String> configuration =
        new MutableConfiguration<String, String>()
            .setStoreByValue(storeByValue)
            .setStatisticsEnabled(true);
    Cache<String, String> cache = manager.createCache("counting", configuration);
    CacheStatistics statistics = cache.unwrap(DualJCache.class).statistics();

    cache.put("k", "v");
    cache.get("k");

    assertEquals(1, statistics.getCacheHits());
  }

  @Test
  void aFailedPutIfAbsentIsAHitButNoPut() {
    MutableConfiguration<String, String> configuration = new MutableConfiguration<>();
    configuration.setStatisticsEnabled(true);
    Cache<String, String> cache = manager.createCache("conditional", configuration);
    CacheStatistics statistics = cache.unwrap(DualJCache.class).statistics();

    cache.putIfAbsent("k", "first");
    cache.putIfAbsent("k", "second");

    assertEquals(1, statistics.getCachePuts());
    assertEquals(1, statistics.getCacheHits());
    assertEquals(1, statistics.getCacheMisses());
  }

  private static void exercise(Cache<String, String> cache) {
    cache.put("a", "1");
    cache.put("b", "2");
    cache.get("a");
    cache.get("missing");
    cache.getAll(Set.of("b", "also missing"));
    cache.remove("a");
    cache.containsKey("b"); // never counted
  }
}
