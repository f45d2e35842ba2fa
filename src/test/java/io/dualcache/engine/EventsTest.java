package io.dualcache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventsTest {

  @ParameterizedTest
  @EnumSource(EngineShape.class)
  void everyChangeReportsItsCauseAndValues(EngineShape shape) {
    RecordingListener<String, String> events = new RecordingListener<>();
    try (DualCache<String, String> cache =
        shape.<String, String>builder(new FakeTicker()).listener(events).build()) {
      cache.put("a", "1");
      cache.put("a", "2");
      cache.putIfAbsent("a", "3");
      cache.replace("b", "1");
      cache.replace("a", "9", "3");
      cache.replace("a", "2", "3");
      cache.remove("a", "9");
      cache.remove("a");
      cache.remove("a");
      cache.compute(
          "c",
          e -> {
            e.setValue("1");
            return null;
          });
      cache.compute(
          "c",
          e -> {
            e.remove();
            return null;
          });
      cache.compute("c", e -> e.value());
      assertEquals(
          List.of(
              "CREATED a null->1",
              "REPLACED a 1->2",
              "REPLACED a 2->3",
              "EXPLICIT a 3->null",
              "CREATED c null->1",
              "EXPLICIT c 1->null"),
          events.events());
    }
  }

  @ParameterizedTest
  @EnumSource(EngineShape.class)
  void clearFiresNothing(EngineShape shape) {
    RecordingListener<Integer, Integer> events = new RecordingListener<>();
    try (DualCache<Integer, Integer> cache =
        shape.<Integer, Integer>builder(new FakeTicker()).listener(events).build()) {
      for (int i = 0; i < 100; i++) {
        cache.put(i, i);
      }
      events.drain();
      cache.clear();
      cache.cleanUp();
      assertEquals(0, cache.size());
      assertEquals(List.of(), events.events());
      cache.put(1, 1);
      assertEquals(1, cache.get(1), "the cache works after a clear");
    }
  }

  @Test
  void evictionsAreReportedAsEvicted() {
    RecordingListener<Integer, Integer> events = new RecordingListener<>();
    try (DualCache<Integer, Integer> cache =
        DualCache.<Integer, Integer>builder()
            .listener(events)
            .maximumSize(10)
            .executor(Runnable::run)
            .build()) {
      for (int i = 0; i < 30; i++) {
        cache.put(i, i);
      }
      cache.cleanUp();
      long evicted = events.events().stream().filter(e -> e.startsWith("EVICTED")).count();
      assertEquals(20, evicted);
      assertEquals(10, cache.size());
    }
  }

  @Test
  void listenerFailureReachesTheCallerAfterTheChange() {
    RuntimeException boom = new IllegalStateException("listener failed");
    try (DualCache<String, String> cache =
        DualCache.<String, String>builder()
            .listener(
                (type, key, oldValue, newValue) -> {
                  throw boom;
                })
            .build()) {
      RuntimeException thrown = assertThrows(RuntimeException.class, () -> cache.put("a", "1"));
      assertSame(boom, thrown);
      assertEquals("1", cache.get("a"), "the put took effect");
    }
  }

  @Test
  void failingComputeChangesNothingAndFiresNothing() {
    RecordingListener<String, String> events = new RecordingListener<>();
    try (DualCache<String, String> cache =
        DualCache.<String, String>builder().listener(events).build()) {
      cache.put("a", "1");
      events.drain();
      UnsupportedOperationException boom = new UnsupportedOperationException("no");
      UnsupportedOperationException thrown =
          assertThrows(
              UnsupportedOperationException.class,
              () ->
                  cache.compute(
                      "a",
                      e -> {
                        e.setValue("2");
                        e.remove();
                        throw boom;
                      }));
      assertSame(boom, thrown, "propagated unwrapped");
      assertEquals("1", cache.get("a"));
      assertFalse(cache.<Boolean>compute("b", e -> e.exists()));
      assertEquals(List.of(), events.events());
    }
  }
}
