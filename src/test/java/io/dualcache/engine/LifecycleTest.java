package io.dualcache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** close() stops every thread the cache started; building and closing leaks nothing. */
class LifecycleTest {

  private static long threadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith(prefix) && t.isAlive())
        .count();
  }

  @Test
  void closeStopsTheDaemon() {
    DualCache<String, String> cache =
        DualCache.<String, String>builder().maximumSize(10).name("lifecycle-one").build();
    cache.put("a", "b");
    assertEquals(1, threadsNamed("lifecycle-one-daemon"));
    cache.close();
    assertEquals(0, threadsNamed("lifecycle-one-daemon"), "no daemon remains once close returns");
  }

  @Test
  void thousandBuildCloseCyclesLeakNoThread() {
    long tickersBefore = threadsNamed("dualcache-ticker");
    for (int i = 0; i < 1000; i++) {
      DualCache<Integer, Integer> cache =
          DualCache.<Integer, Integer>builder()
              .maximumSize(100)
              .expireAfterWrite(Duration.ofMinutes(1))
              .name("lifecycle-cycle")
              .build();
      cache.put(i, i);
      cache.get(i);
      cache.close();
    }
    assertEquals(0, threadsNamed("lifecycle-cycle"), "no daemon thread is left");
    assertEquals(tickersBefore, threadsNamed("dualcache-ticker"), "the ticker stops with the last");
  }
}
