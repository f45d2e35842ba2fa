package io.dualcache.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

/**
 * Bytes per entry that the engine adds around the keys and values, measured with JOL. The benchmark
 * project compares the same figure with Caffeine and ConcurrentHashMap.
 */
class MemoryFootprintTest {

  private static final int ENTRIES = 200_000;

  private static double overheadPerEntry(DualCacheBuilder<Integer, Integer> builder) {
    Integer[] keys = new Integer[ENTRIES];
    for (int i = 0; i < ENTRIES; i++) {
      keys[i] = 1_000_000 + i; // outside the Integer cache: every key is its own object
    }
    try (DualCache<Integer, Integer> cache = builder.executor(Runnable::run).build()) {
      for (Integer k : keys) {
        cache.put(k, k); // the value is the key object: counted once, subtracted below
      }
      cache.cleanUp();
      long total = GraphLayout.parseInstance(cache).totalSize();
      long shared = GraphLayout.parseInstance((Object) keys).totalSize();
      long keysArray = GraphLayout.parseInstance((Object) new Integer[ENTRIES]).totalSize();
      return (double) (total - (shared - keysArray)) / ENTRIES;
    }
  }

  @Test
  void unboundedEntryCostsLittleMoreThanItsNode() {
    double perEntry = overheadPerEntry(DualCache.builder());
    System.out.printf("engine, unbounded: %.1f bytes per entry%n", perEntry);
    assertTrue(perEntry < 48, "unbounded bytes per entry: " + perEntry);
  }

  /** The node's policy fields, plus the admission sketch (one long of counters per entry). */
  @Test
  void boundedEntryCarriesThePolicyFields() {
    double perEntry = overheadPerEntry(DualCache.<Integer, Integer>builder().maximumSize(ENTRIES));
    System.out.printf("engine, maximumSize: %.1f bytes per entry%n", perEntry);
    assertTrue(perEntry < 72, "bounded bytes per entry: " + perEntry);
  }
}
