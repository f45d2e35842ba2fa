package io.dualcache.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.processor.EntryProcessor;
import org.junit.jupiter.api.Test;

/** Entry processors run atomically per key: concurrent increments lose nothing. */
class AtomicInvokeTest {

  private static final int THREADS = 4;
  private static final int INCREMENTS = 5_000;

  @Test
  void concurrentIncrementsThroughInvokeAreAllCounted() throws Exception {
    CacheManager manager = TestManagers.fresh("atomic");
    Cache<String, Integer> cache =
        manager.createCache("counters", new MutableConfiguration<String, Integer>());
    EntryProcessor<String, Integer, Void> increment =
        (entry, arguments) -> {
          entry.setValue(entry.exists() ? entry.getValue() + 1 : 1);
          return null;
        };
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<Void>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Callable<Void> task =
            () -> {
              for (int i = 0; i < INCREMENTS; i++) {
                cache.invoke("hits", increment);
                cache.invoke("key-" + (i % 8), increment);
              }
              return null;
            };
        done.add(pool.submit(task));
      }
      for (Future<Void> future : done) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }

    assertEquals(THREADS * INCREMENTS, cache.get("hits"));
    int spread = 0;
    for (int k = 0; k < 8; k++) {
      spread += cache.get("key-" + k);
    }
    assertEquals(THREADS * INCREMENTS, spread);
    manager.close();
  }
}
