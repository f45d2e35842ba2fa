package io.dualcache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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

  /**
   * A node of 24 bytes (hash, key, value: no deadline in a cache that cannot expire) and its share
   * of the slot arrays, 4 bytes a slot: less than a {@code ConcurrentHashMap} (40 bytes an entry).
   */
  @Test
  void unboundedEntryCostsLittleMoreThanItsNode() {
    double perEntry = overheadPerEntry(DualCache.builder());
    System.out.printf("engine, unbounded: %.1f bytes per entry%n", perEntry);
    assertTrue(perEntry < 40, "unbounded bytes per entry: " + perEntry);
  }

  /** An expiring cache's nodes carry the 8-byte deadline word as well. */
  @Test
  void expiringEntryAddsItsDeadline() {
    double plain = overheadPerEntry(DualCache.builder());
    double expiring =
        overheadPerEntry(
            DualCache.<Integer, Integer>builder().expiry(Expiry.afterWrite(Duration.ofHours(1))));
    System.out.printf("engine, unbounded, expiring: %.1f bytes per entry%n", expiring);
    assertEquals(8, expiring - plain, 0.5, "the deadline word: " + plain + " -> " + expiring);
  }

  /** The node's policy fields, plus the admission sketch (one long of counters per entry). */
  @Test
  void boundedEntryCarriesThePolicyFields() {
    double perEntry = overheadPerEntry(DualCache.<Integer, Integer>builder().maximumSize(ENTRIES));
    System.out.printf("engine, maximumSize: %.1f bytes per entry%n", perEntry);
    assertTrue(perEntry < 64, "bounded bytes per entry: " + perEntry);
  }
}
