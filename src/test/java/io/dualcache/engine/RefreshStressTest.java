package io.dualcache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Readers, writers and reloads of the same few keys on the real clock, with an age of one tick:
 * entries are due almost always. Every call must return within its deadline, no two reloads of a
 * key may overlap (also when the key's entry is evicted and made again during a reload), and no
 * write may be lost to a reload: once the writers stop and the reloads end, each key holds its last
 * written value, reloaded zero or more times.
 */
class RefreshStressTest {

  private static final int KEYS = 8;
  private static final long CALL_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(2);

  @Test
  void readsWritesAndReloadsRaceWithoutLostWritesOrOverlappingReloads() throws Exception {
    AtomicIntegerArray running = new AtomicIntegerArray(KEYS);
    AtomicInteger overlaps = new AtomicInteger();
    AtomicLong reloadsDone = new AtomicLong();
    Reloader<Integer, String> reloader =
        (key, old) -> {
          if (running.incrementAndGet(key) > 1) {
            overlaps.incrementAndGet();
          }
          Thread.yield();
          running.decrementAndGet(key);
          reloadsDone.incrementAndGet();
          return old + "+r";
        };
    ExecutorService reloads = Executors.newFixedThreadPool(2);
    DualCache<Integer, String> cache =
        DualCache.<Integer, String>builder()
            .maximumSize(KEYS / 2) // evictions: a key's node dies, a new one is made
            .tickDuration(Duration.ofNanos(100_000))
            .refreshAfterWrite(Duration.ofNanos(100_000), reloader)
            .refreshExecutor(reloads)
            .build();
    String[] lastWritten = new String[KEYS];
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong slowest = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      int writer = w;
      threads.add(
          new Thread(
              () -> {
                for (int seq = 0; !stop.get(); seq++) {
                  for (int key = writer; key < KEYS; key += 2) { // each key has one writer
                    String value = "w" + seq;
                    long start = System.nanoTime();
                    cache.put(key, value);
                    slowest.accumulateAndGet(System.nanoTime() - start, Math::max);
                    lastWritten[key] = value;
                  }
                  Thread.yield();
                }
              }));
    }
    for (int r = 0; r < 3; r++) {
      threads.add(
          new Thread(
              () -> {
                while (!stop.get()) {
                  for (int key = 0; key < KEYS; key++) {
                    long start = System.nanoTime();
                    cache.get(key);
                    slowest.accumulateAndGet(System.nanoTime() - start, Math::max);
                  }
                }
              }));
    }
    assertTimeoutPreemptively(
        Duration.ofSeconds(30),
        () -> {
          threads.forEach(Thread::start);
          Thread.sleep(1500);
          stop.set(true);
          for (Thread t : threads) {
            t.join();
          }
          reloads.shutdown();
          assertTrue(reloads.awaitTermination(10, TimeUnit.SECONDS), "reloads ended");
        });
    assertEquals(0, overlaps.get(), "two reloads of one key overlapped");
    assertTrue(reloadsDone.get() > 100, "the race exercised reloads: " + reloadsDone.get());
    assertTrue(slowest.get() < CALL_DEADLINE_NANOS, "slowest call took " + slowest.get() + " ns");
    for (int key = 0; key < KEYS; key++) {
      String value = cache.peek(key);
      if (value != null) { // a bounded cache may have evicted it
        assertEquals(
            lastWritten[key], value.replace("+r", ""), "key " + key + " lost its last write");
      }
    }
    cache.cleanUp();
    assertTrue(cache.size() <= KEYS / 2, "bound at quiescence: " + cache.size());
    cache.close();
  }
}
