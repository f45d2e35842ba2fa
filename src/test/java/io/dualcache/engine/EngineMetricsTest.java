package io.dualcache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link EngineMetrics} reports what the engine really did: sizes, bound, removals by cause. */
class EngineMetricsTest {

  private final FakeTicker ticker = new FakeTicker();

  @Test
  void aBoundedCacheReportsItsSizeBoundAndEvictionsBySize() {
    try (DualCache<Integer, String> cache =
        DualCache.<Integer, String>builder().maximumSize(10).executor(Runnable::run).build()) {
      EngineMetrics metrics = cache.metrics();
      assertEquals(0.01, metrics.windowShare(), "the tuner's initial share, before any round");
      for (int i = 0; i < 100; i++) {
        cache.put(i, "v" + i);
      }
      cache.cleanUp();

      assertEquals(10, metrics.size());
      assertEquals(10, metrics.weightedSize());
      assertTrue(metrics.isBounded());
      assertFalse(metrics.isWeighted());
      assertEquals(10, metrics.maximum());
      assertEquals(90, metrics.evictionsBySize());
      assertEquals(0, metrics.evictionsByExpiry());
      assertEquals(1.0, metrics.hitSamplingRate(), "no pressure: every hit is recorded");
      assertTrue(metrics.windowShare() >= 0 && metrics.windowShare() <= 0.8);

      cache.remove(0);
      cache.remove(99);
      cache.clear();
      cache.cleanUp();
      assertEquals(90, metrics.evictionsBySize(), "removals and clear are no evictions");
    }
  }

  @Test
  void aWeightedCacheReportsWeightAndItsBoundAsAWeight() {
    try (DualCache<Integer, String> cache =
        DualCache.<Integer, String>builder()
            .maximumWeight(100, (k, v) -> v.length())
            .executor(Runnable::run)
            .build()) {
      for (int i = 0; i < 30; i++) {
        cache.put(i, "x".repeat(10));
      }
      cache.cleanUp();

      EngineMetrics metrics = cache.metrics();
      assertTrue(metrics.isWeighted());
      assertEquals(100, metrics.maximum());
      assertEquals(10, metrics.size());
      assertEquals(100, metrics.weightedSize());
      assertEquals(20, metrics.evictionsBySize());
    }
  }

  @Test
  void expiredEntriesCountOnceWhereverTheyAreRemoved() {
    try (DualCache<Integer, String> cache =
        DualCache.<Integer, String>builder()
            .ticker(ticker)
            .expiry(Expiry.afterWrite(Duration.ofSeconds(10)))
            .executor(Runnable::run)
            .build()) {
      for (int i = 0; i < 5; i++) {
        cache.put(i, "v" + i);
      }
      ticker.advance(Duration.ofSeconds(10));
      Await.until("the tick is published", () -> cache.peek(0) == null);
      EngineMetrics metrics = cache.metrics();
      assertEquals(0, metrics.evictionsByExpiry(), "peek removes nothing");

      assertNull(cache.get(0)); // a reader removes it
      assertEquals(1, metrics.evictionsByExpiry());
      assertNull(cache.get(0)); // gone already: nothing more to count
      assertEquals(1, metrics.evictionsByExpiry());
      assertNull(cache.put(1, "new")); // a writer removes the expired entry first
      assertEquals(2, metrics.evictionsByExpiry());
      cache.cleanUp(); // the sweep removes 2, 3 and 4
      assertEquals(5, metrics.evictionsByExpiry());
      assertEquals(1, metrics.size());
      assertEquals(0, metrics.evictionsBySize());
    }
  }

  @Test
  void aVictimAlreadyPastItsDeadlineCountsAsExpiredNotEvicted() {
    try (DualCache<Integer, String> cache =
        DualCache.<Integer, String>builder()
            .maximumSize(2)
            .ticker(ticker)
            .expiry(Expiry.afterWrite(Duration.ofSeconds(10)))
            .executor(task -> {}) // rounds only in cleanUp
            .build()) {
      cache.put(1, "a");
      cache.put(2, "b");
      cache.cleanUp();
      ticker.advance(Duration.ofSeconds(10));
      cache.put(3, "c"); // one over the bound: the policy evicts 2 (it loses its duel with 1)
      cache.cleanUp(); // evicts first, then sweeps (1 expired too)

      EngineMetrics metrics = cache.metrics();
      assertEquals(0, metrics.evictionsBySize(), "2 was past its deadline: that is why it left");
      assertEquals(2, metrics.evictionsByExpiry());
      assertEquals(1, metrics.size());
    }
  }

  @Test
  void theSamplingRateFallsWhenHitsComeFasterThanMaintenanceDrainsThem() {
    try (DualCache<Integer, String> cache =
        DualCache.<Integer, String>builder().maximumSize(100).executor(task -> {}).build()) {
      cache.put(1, "a");
      cache.cleanUp();
      for (int i = 0; i < 4 * HitRecorder.SIZE; i++) {
        cache.get(1); // this thread's ring fills up: the next drain finds it saturated
      }
      cache.cleanUp();

      assertEquals(0.5, cache.metrics().hitSamplingRate());
    }
  }

  @Test
  void anUnboundedCacheHasNoBoundNoPolicyAndRecordsNoHits() {
    try (DualCache<Integer, String> cache = DualCache.<Integer, String>builder().build()) {
      cache.put(1, "a");
      EngineMetrics metrics = cache.metrics();
      assertEquals(1, metrics.size());
      assertFalse(metrics.isBounded());
      assertEquals(-1, metrics.maximum());
      assertEquals(-1, metrics.weightedSize());
      assertEquals(-1, metrics.windowShare());
      assertEquals(0, metrics.hitSamplingRate());
    }
  }

  @Test
  void metricsCanBeReadAfterClose() {
    DualCache<Integer, String> cache =
        DualCache.<Integer, String>builder().maximumSize(5).executor(Runnable::run).build();
    for (int i = 0; i < 8; i++) {
      cache.put(i, "v");
    }
    cache.cleanUp();
    cache.close();

    EngineMetrics metrics = cache.metrics();
    assertEquals(0, metrics.size(), "a closed cache is empty");
    assertEquals(3, metrics.evictionsBySize(), "counts stay");
  }
}
