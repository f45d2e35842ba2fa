package io.dualcache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BoundsTest {

  private static DualCache<Integer, String> sized(long maximum) {
    return DualCache.<Integer, String>builder()
        .maximumSize(maximum)
        .executor(Runnable::run)
        .build();
  }

  @Test
  void cleanUpDrainsEverythingQueued() {
    // Maintenance runs only when the write queue is full (backpressure) and in cleanUp(): the
    // queue then holds anything up to its capacity, and cleanUp must take all of it.
    for (int writes = 1000; writes < 1040; writes++) {
      try (DualCache<Integer, String> cache =
          DualCache.<Integer, String>builder().maximumSize(100).executor(task -> {}).build()) {
        for (int i = 0; i < writes; i++) {
          cache.put(i, "v");
        }
        cache.cleanUp();
        assertEquals(100, cache.size(), "after " + writes + " writes");
      }
    }
  }

  @Test
  void zeroBoundKeepsNothing() {
    try (DualCache<Integer, String> cache = sized(0)) {
      cache.put(1, "a");
      cache.cleanUp();
      assertEquals(0, cache.size());
    }
  }

  @Test
  void weightBoundCountsWeightsNotEntries() {
    try (DualCache<Integer, String> cache =
        DualCache.<Integer, String>builder()
            .maximumWeight(100, (k, v) -> v.length())
            .executor(Runnable::run)
            .build()) {
      for (int i = 0; i < 50; i++) {
        cache.put(i, "x".repeat(10));
      }
      cache.cleanUp();
      assertEquals(10, cache.size(), "ten entries of weight 10 fill a weight of 100");
      cache.put(1000, "y".repeat(100));
      cache.cleanUp();
      long weight = 0;
      for (var e : cache) {
        weight += e.getValue().length();
      }
      assertTrue(weight <= 100, "total weight " + weight + " within 100");
    }
  }

  @Test
  void weightChangesOnUpdateAreAccounted() {
    try (DualCache<Integer, String> cache =
        DualCache.<Integer, String>builder()
            .maximumWeight(10, (k, v) -> v.length())
            .executor(Runnable::run)
            .build()) {
      cache.put(1, "a");
      cache.put(2, "b");
      cache.put(3, "c");
      cache.cleanUp();
      assertEquals(3, cache.size());
      cache.put(1, "aaaaaaaaa"); // 9 + 1 + 1 = 11 > 10
      cache.cleanUp();
      long weight = 0;
      for (var e : cache) {
        weight += e.getValue().length();
      }
      assertTrue(weight <= 10, "weight " + weight);
    }
  }

  @Test
  void zeroWeightEntriesAreFree() {
    try (DualCache<Integer, String> cache =
        DualCache.<Integer, String>builder()
            .maximumWeight(1, (k, v) -> 0)
            .executor(Runnable::run)
            .build()) {
      for (int i = 0; i < 1000; i++) {
        cache.put(i, "v");
      }
      cache.cleanUp();
      assertEquals(1000, cache.size());
    }
  }

  @Test
  void aScanDoesNotFlushTheHotSet() {
    try (DualCache<Integer, String> cache = sized(1000)) {
      // 500 hot keys, each read again after 500 other hot reads and 1,000 scan keys: a reuse
      // distance of 1,500 distinct keys, so an LRU of 1,000 would miss every time.
      int hotHits = 0;
      int hotReads = 0;
      int scanKey = 1_000_000;
      for (int round = 0; round < 40; round++) {
        for (int hot = 0; hot < 500; hot++) {
          hotReads++;
          if (cache.get(hot) != null) {
            hotHits++;
          } else {
            cache.put(hot, "hot");
          }
          for (int s = 0; s < 2; s++, scanKey++) {
            if (cache.get(scanKey) == null) {
              cache.put(scanKey, "scan");
            }
          }
        }
      }
      double hitRatio = (double) hotHits / hotReads;
      assertTrue(hitRatio > 0.8, "hot-set hit ratio through a scan: " + hitRatio);
      cache.cleanUp();
      assertEquals(1000, cache.size());
    }
  }

  @Test
  void unboundedCacheNeverDropsData() {
    try (DualCache<Integer, String> cache = DualCache.<Integer, String>builder().build()) {
      for (int i = 0; i < 200_000; i++) {
        cache.put(i, "v");
      }
      cache.cleanUp();
      assertEquals(200_000, cache.size());
    }
  }
}
