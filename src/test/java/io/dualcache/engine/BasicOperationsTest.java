package io.dualcache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The operations of every {@link EngineShape}, one by one. */
class BasicOperationsTest {

  @ParameterizedTest
  @EnumSource(EngineShape.class)
  void putGetRemove(EngineShape shape) {
    try (DualCache<String, Integer> cache =
        shape.<String, Integer>builder(new FakeTicker()).build()) {
      assertNull(cache.put("a", 1));
      assertEquals(1, cache.get("a"));
      assertEquals(1, cache.put("a", 2));
      assertEquals(2, cache.get("a"));
      assertEquals(2, cache.putIfAbsent("a", 3));
      assertNull(cache.putIfAbsent("b", 3));
      assertEquals(2, cache.size());
      assertTrue(cache.replace("b", 3, 4));
      assertFalse(cache.replace("b", 3, 5));
      assertEquals(4, cache.replace("b", 6));
      assertNull(cache.replace("c", 1));
      assertFalse(cache.remove("b", 4));
      assertTrue(cache.remove("b", 6));
      assertEquals(2, cache.remove("a"));
      assertNull(cache.get("a"));
      assertEquals(0, cache.size());
    }
  }

  @Test
  void manyKeysGrowTheIndex() {
    try (DualCache<Integer, Integer> cache = DualCache.<Integer, Integer>builder().build()) {
      for (int i = 0; i < 100_000; i++) {
        cache.put(i, -i);
      }
      for (int i = 0; i < 100_000; i++) {
        assertEquals(-i, cache.get(i));
      }
      for (int i = 0; i < 100_000; i += 2) {
        cache.remove(i);
      }
      assertEquals(50_000, cache.size());
      for (int i = 0; i < 100_000; i++) {
        assertEquals(i % 2 == 0 ? null : -i, cache.get(i));
      }
    }
  }

  @Test
  void boundedCacheEvictsToItsBound() {
    try (DualCache<Integer, Integer> cache =
        DualCache.<Integer, Integer>builder().maximumSize(100).executor(Runnable::run).build()) {
      for (int i = 0; i < 10_000; i++) {
        cache.put(i, i);
        cache.get(i % 50);
      }
      cache.cleanUp();
      assertEquals(100, cache.size());
      for (int i = 0; i < 50; i++) {
        assertEquals(i, cache.get(i), "hot key " + i + " must survive");
      }
    }
  }
}
