package io.dualcache.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Null arguments and closed caches fail the way the javadoc says, on every operation. */
class ContractTest {

  private static List<Executable> everyOperation(DualCache<String, String> c, String k, String v) {
    return List.of(
        () -> c.get(k),
        () -> c.peek(k),
        () -> c.containsKey(k),
        () -> c.put(k, v),
        () -> c.putIfAbsent(k, v),
        () -> c.replace(k, v),
        () -> c.replace(k, v, v),
        () -> c.remove(k),
        () -> c.remove(k, v),
        () -> c.compute(k, e -> null));
  }

  @Test
  void nullKeysAndValuesAreRejectedWithAMessage() {
    try (DualCache<String, String> cache = DualCache.<String, String>builder().build()) {
      for (Executable op : everyOperation(cache, null, "v")) {
        NullPointerException e = assertThrows(NullPointerException.class, op);
        assertTrue(e.getMessage().contains("key"), e.toString());
      }
      assertThrows(NullPointerException.class, () -> cache.put("k", null));
      assertThrows(NullPointerException.class, () -> cache.putIfAbsent("k", null));
      assertThrows(NullPointerException.class, () -> cache.replace("k", null));
      assertThrows(NullPointerException.class, () -> cache.replace("k", null, "v"));
      assertThrows(NullPointerException.class, () -> cache.replace("k", "v", null));
      assertThrows(NullPointerException.class, () -> cache.remove("k", null));
      assertThrows(NullPointerException.class, () -> cache.compute("k", null));
      assertThrows(
          NullPointerException.class,
          () ->
              cache.compute(
                  "k",
                  e -> {
                    e.setValue(null);
                    return null;
                  }));
      assertEquals(0, cache.size(), "nothing was stored by the rejected calls");
    }
  }

  @Test
  void closedCacheThrowsIllegalStateAndCloseIsIdempotent() {
    DualCache<String, String> cache = DualCache.<String, String>builder().build();
    cache.put("k", "v");
    cache.close();
    assertTrue(cache.isClosed());
    assertDoesNotThrow(cache::close);
    for (Executable op : everyOperation(cache, "k", "v")) {
      assertThrows(IllegalStateException.class, op);
    }
    assertThrows(IllegalStateException.class, cache::size);
    assertThrows(IllegalStateException.class, cache::clear);
    assertThrows(IllegalStateException.class, cache::cleanUp);
    assertThrows(IllegalStateException.class, cache::iterator);
  }
}
