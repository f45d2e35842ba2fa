package io.dualcache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IteratorTest {

  @Test
  void visitsEveryEntryOnceAndToleratesConcurrentChanges() {
    try (DualCache<Integer, Integer> cache = DualCache.<Integer, Integer>builder().build()) {
      for (int i = 0; i < 10_000; i++) {
        cache.put(i, i);
      }
      Set<Integer> seen = new HashSet<>();
      int added = 0;
      for (Map.Entry<Integer, Integer> e : cache) {
        assertTrue(seen.add(e.getKey()), "seen once: " + e.getKey());
        assertEquals(e.getKey(), e.getValue());
        cache.put(100_000 + added, 100_000 + added++); // grows the index while iterating: no CME
        cache.remove(e.getKey() + 1);
      }
      assertTrue(seen.contains(0));
      assertFalse(seen.contains(1), "removed before it was reached");
    }
  }

  @Test
  void removeRemovesTheLastReturnedKey() {
    try (DualCache<Integer, Integer> cache = DualCache.<Integer, Integer>builder().build()) {
      for (int i = 0; i < 100; i++) {
        cache.put(i, i);
      }
      Iterator<Map.Entry<Integer, Integer>> it = cache.iterator();
      assertThrows(IllegalStateException.class, it::remove);
      while (it.hasNext()) {
        if (it.next().getKey() % 2 == 0) {
          it.remove();
        }
      }
      assertThrows(NoSuchElementException.class, it::next);
      assertEquals(50, cache.size());
      assertEquals(null, cache.get(2));
      assertEquals(3, cache.get(3));
    }
  }

  @Test
  void skipsExpiredEntries() {
    FakeTicker ticker = new FakeTicker();
    try (DualCache<Integer, Integer> cache =
        DualCache.<Integer, Integer>builder()
            .ticker(ticker)
            .expiry((k, v) -> k < 5 ? Duration.ofSeconds(1).toNanos() : Expiry.ETERNAL)
            .build()) {
      for (int i = 0; i < 10; i++) {
        cache.put(i, i);
      }
      ticker.advance(Duration.ofSeconds(1));
      Await.until("key 0 expired", () -> cache.peek(0) == null);
      int count = 0;
      for (Map.Entry<Integer, Integer> e : cache) {
        assertTrue(e.getKey() >= 5);
        count++;
      }
      assertEquals(5, count);
    }
  }
}
