package io.dualcache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Calls back into the cache from inside its own work: actions of a compute, and listeners, which
 * run inside a write (holding its segment's lock) or inside a maintenance round. None may deadlock,
 * corrupt the policy or leave a closed cache holding a value.
 */
class ReentrantCallsTest {

  /**
   * Two computes on keys of different segments, each of whose actions reads an expired key of the
   * other's segment: the reads' removal of the expired entry takes the other segment's lock with a
   * blocking lock(), so each waits for the other forever.
   */
  @Test
  void nestedReadsOfExpiredKeysInOtherSegmentsDoNotDeadlock() throws Exception {
    FakeTicker ticker = new FakeTicker();
    DualCache<Integer, Integer> cache =
        DualCache.<Integer, Integer>builder()
            .ticker(ticker)
            .concurrencyLevel(2) // even keys in segment 0, odd keys in segment 1
            .expireAfterWrite(Duration.ofSeconds(1))
            .executor(r -> {}) // no round sweeps the expired entries away first
            .build();
    cache.put(2, 2); // segment 0
    cache.put(3, 3); // segment 1
    ticker.advance(Duration.ofSeconds(2));
    Await.until("2 and 3 read as expired", () -> cache.peek(2) == null && cache.peek(3) == null);
    CyclicBarrier bothInside = new CyclicBarrier(2);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread a = new Thread(() -> computeThenRead(cache, 0, 3, bothInside, failure));
    Thread b = new Thread(() -> computeThenRead(cache, 1, 2, bothInside, failure));
    a.setDaemon(true);
    b.setDaemon(true);
    a.start();
    b.start();
    a.join(5_000);
    b.join(5_000);
    boolean stuck = a.isAlive() || b.isAlive();
    assertTrue(!stuck, "two computes whose actions only read are deadlocked");
    assertNull(failure.get());
    assertTrue(cache.peek(2) == null && cache.peek(3) == null);
  }

  private static void computeThenRead(
      DualCache<Integer, Integer> cache,
      int key,
      int read,
      CyclicBarrier bothInside,
      AtomicReference<Throwable> failure) {
    try {
      cache.compute(
          key,
          e -> {
            try {
              bothInside.await(5, TimeUnit.SECONDS); // both hold their segment's lock
            } catch (Exception ex) {
              throw new IllegalStateException(ex);
            }
            return cache.get(read); // expired: its removal locks the other segment
          });
    } catch (Throwable t) {
      failure.compareAndSet(null, t);
    }
  }

  /**
   * A listener closes the cache on the EXPIRED event that a put fires before it stores: the close
   * runs its own segment's close at once (the stripe lock's tryLock is reentrant), and the put then
   * links its node into the closed segment, where a read finds it.
   */
  @Test
  void aPutWhoseExpiredEventClosesTheCacheLeavesNothingReadable() {
    FakeTicker ticker = new FakeTicker();
    AtomicReference<DualCache<String, String>> self = new AtomicReference<>();
    AtomicBoolean armed = new AtomicBoolean();
    DualCache<String, String> cache =
        DualCache.<String, String>builder()
            .ticker(ticker)
            .expireAfterWrite(Duration.ofSeconds(1))
            .executor(r -> {}) // no round sweeps v0 away first
            .listener(
                (type, key, oldValue, newValue) -> {
                  if (type == ChangeType.EXPIRED && armed.get()) {
                    self.get().close();
                  }
                })
            .build();
    self.set(cache);
    cache.put("k", "v0");
    cache.put("probe", "p"); // expires with v0; reading it removes it, not v0
    ticker.advance(Duration.ofSeconds(2));
    Await.until("the clock passes v0's deadline", () -> cache.peek("probe") == null);
    armed.set(true);
    cache.put("k", "v1"); // removes the expired v0 (EXPIRED: close), then stores v1
    assertClosedAndEmpty(cache);
  }

  /** The same through a compute whose action closes the cache and then sets a value. */
  @Test
  void aComputeWhoseActionClosesTheCacheStoresNothing() {
    DualCache<String, String> cache = DualCache.<String, String>builder().build();
    cache.put("k", "v0");
    cache.compute(
        "k",
        e -> {
          cache.close();
          e.setValue("v1");
          return null;
        });
    assertClosedAndEmpty(cache);
  }

  /** A closed cache holds nothing: a read finds nothing or is refused, never a value. */
  private static void assertClosedAndEmpty(DualCache<String, String> cache) {
    assertTrue(cache.isClosed());
    String seen = null;
    try {
      seen = cache.get("k");
    } catch (IllegalStateException closed) {
      // what a closed cache should answer
    }
    assertNull(seen, "a closed cache returned a value written into its closed segment");
  }

  /**
   * A listener of evictions that calls cleanUp(): the round it runs in would start a second round
   * inside the first, which moves the policy's nodes under the first round's feet.
   */
  @Test
  void cleanUpFromAnEvictionListenerKeepsTheBound() {
    AtomicReference<DualCache<Integer, Integer>> self = new AtomicReference<>();
    DualCache<Integer, Integer> cache =
        DualCache.<Integer, Integer>builder()
            .maximumSize(8)
            .executor(r -> {}) // rounds run only in cleanUp and under backpressure
            .listener(
                (type, key, oldValue, newValue) -> {
                  if (type == ChangeType.EVICTED) {
                    self.get().cleanUp();
                  }
                })
            .build();
    self.set(cache);
    for (int i = 0; i < 2_000; i++) {
      cache.put(i, i);
      if (i % 7 == 0) {
        cache.cleanUp();
      }
    }
    cache.cleanUp();
    assertEquals(cache.size(), cache.weightedSize(), "the policy's count of the live entries");
    assertTrue(cache.size() <= 8, "size " + cache.size() + " over the bound of 8");
    for (int i = 2_000; i < 2_100; i++) {
      cache.put(i, i);
    }
    cache.cleanUp();
    assertTrue(cache.size() <= 8, "size " + cache.size() + " over the bound of 8 later");
  }

  /**
   * A listener of evictions that writes more than the write queue holds: the round it runs in is
   * the only thread that could make room, so those writes must neither wait for room nor run a
   * round inside the round; the next round takes them, and the bound holds again.
   */
  @Test
  void writesFromAnEvictionListenerBeyondTheQueueAreTakenByTheNextRound() {
    AtomicReference<DualCache<Integer, Integer>> self = new AtomicReference<>();
    AtomicBoolean once = new AtomicBoolean();
    int burst = 3 * DualCacheBuilder.MAX_WRITE_QUEUE;
    DualCache<Integer, Integer> cache =
        DualCache.<Integer, Integer>builder()
            .maximumSize(8)
            .executor(r -> {})
            .listener(
                (type, key, oldValue, newValue) -> {
                  if (type == ChangeType.EVICTED && once.compareAndSet(false, true)) {
                    for (int i = 0; i < burst; i++) {
                      self.get().put(100_000 + i, i);
                    }
                  }
                })
            .build();
    self.set(cache);
    for (int i = 0; i < 20; i++) {
      cache.put(i, i);
    }
    cache.cleanUp(); // evicts: the listener writes the burst inside this round
    assertTrue(once.get(), "the listener ran");
    cache.cleanUp();
    cache.cleanUp();
    assertEquals(cache.size(), cache.weightedSize(), "the policy's count of the live entries");
    assertTrue(cache.size() <= 8, "size " + cache.size() + " over the bound of 8");
  }

  /**
   * A listener of evictions that clears the cache: the clear must neither corrupt the round it runs
   * in nor wait for it; the cache ends empty of what was there before and within its bound.
   */
  @Test
  void clearFromAnEvictionListenerLeavesAConsistentCache() {
    AtomicReference<DualCache<Integer, Integer>> self = new AtomicReference<>();
    AtomicBoolean once = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    DualCache<Integer, Integer> cache =
        DualCache.<Integer, Integer>builder()
            .maximumSize(8)
            .executor(r -> {})
            .listener(
                (type, key, oldValue, newValue) -> {
                  if (type == ChangeType.EVICTED && once.compareAndSet(false, true)) {
                    try {
                      self.get().clear();
                    } catch (Throwable t) {
                      failure.set(t);
                    }
                  }
                })
            .build();
    self.set(cache);
    for (int i = 0; i < 40; i++) {
      cache.put(i, i);
    }
    cache.cleanUp();
    cache.cleanUp();
    assertTrue(once.get(), "the listener ran");
    assertNull(failure.get(), "clear() from the listener failed: " + failure.get());
    assertEquals(cache.size(), cache.weightedSize(), "the policy's count of the live entries");
    assertTrue(cache.size() <= 8, "size " + cache.size() + " over the bound of 8");
    for (int i = 100; i < 200; i++) {
      cache.put(i, i);
    }
    cache.cleanUp();
    assertEquals(cache.size(), cache.weightedSize(), "the policy's count after more writes");
    assertTrue(cache.size() <= 8, "size " + cache.size() + " over the bound of 8 later");
  }

  /**
   * A round's eviction listener writes (or clears) into the segment a compute holds, while that
   * compute's action does what needs the maintenance lock: writes of its own segment beyond the
   * write queue, {@code cleanUp()}, {@code close()}. The round waits for the segment, so the action
   * must not wait for the round. (With two segments, the round evicts keys of segment 1, the
   * compute holds segment 0, and no thread waits for a lock of segment 1.)
   */
  @ParameterizedTest
  @CsvSource({
    "put, writes beyond the queue, caller",
    "put, cleanUp, caller",
    "put, close, caller",
    "clear, writes beyond the queue, caller",
    "put, writes beyond the queue, daemon",
    "put, cleanUp, daemon",
    "put, close, daemon"
  })
  void anActionNeverWaitsForARoundWhoseListenerWaitsForTheActionsSegment(
      String listenerCall, String actionCall, String roundsIn) throws Exception {
    AtomicReference<DualCache<Integer, Integer>> self = new AtomicReference<>();
    AtomicBoolean armed = new AtomicBoolean();
    AtomicBoolean listenerReturned = new AtomicBoolean();
    CountDownLatch listenerInRound = new CountDownLatch(1);
    CountDownLatch actionHoldsSegment = new CountDownLatch(1);
    int key = 1_000_001;
    assertEquals(0, segmentOf(key));
    DualCacheBuilder<Integer, Integer> builder = DualCache.builder();
    if (roundsIn.equals("caller")) {
      builder.executor(r -> {}); // rounds run in cleanUp's caller and in writers, as backpressure
    }
    DualCache<Integer, Integer> cache =
        builder
            .concurrencyLevel(2)
            .maximumSize(64) // a write queue of 16
            .listener(
                (type, k, oldValue, newValue) -> {
                  if (type == ChangeType.EVICTED && armed.compareAndSet(true, false)) {
                    listenerInRound.countDown();
                    awaitQuietly(actionHoldsSegment);
                    pause(); // let the action reach what it waits for, if it waits
                    try {
                      if (listenerCall.equals("clear")) {
                        self.get().clear();
                      } else {
                        self.get().put(key, -1);
                      }
                    } catch (IllegalStateException closedMeanwhile) {
                      // the close case: the cache may be closed by the time the segment is free
                    }
                    listenerReturned.set(true);
                  }
                })
            .build();
    self.set(cache);
    for (int i = 1; i < 128; i += 2) {
      assertEquals(1, segmentOf(i));
      cache.put(i, i); // 64 keys of segment 1: the cache is full
    }
    int[] nestedKeys = new int[3 * 16]; // three write queues' worth, all of segment 0
    for (int i = 0; i < nestedKeys.length; i++) {
      nestedKeys[i] = 2_000_000 + 2 * i;
      assertEquals(0, segmentOf(nestedKeys[i]));
    }
    cache.cleanUp();
    armed.set(true);
    Thread round =
        new Thread(
            () -> {
              for (int i = 129; i < 149; i += 2) {
                cache.put(i, i);
              }
              cache.cleanUp(); // evicts keys of segment 1: the listener runs in a round
            });
    Thread compute =
        new Thread(
            () -> {
              awaitQuietly(listenerInRound);
              cache.compute(
                  key,
                  e -> {
                    actionHoldsSegment.countDown();
                    switch (actionCall) {
                      case "cleanUp" -> cache.cleanUp();
                      case "close" -> cache.close();
                      default -> {
                        for (int nested : nestedKeys) { // their segment's lock is this thread's
                          cache.put(nested, nested);
                        }
                      }
                    }
                    return null;
                  });
            });
    round.setDaemon(true);
    compute.setDaemon(true);
    round.start();
    compute.start();
    round.join(10_000);
    compute.join(10_000);
    assertFalse(
        round.isAlive() || compute.isAlive(),
        () -> "the round and the compute are deadlocked:" + stackOf(round) + stackOf(compute));
    assertTrue(listenerReturned.get(), "the listener's call returned");
    if (!cache.isClosed()) {
      cache.cleanUp();
      assertEquals(cache.size(), cache.weightedSize(), "the policy's count of the live entries");
      assertTrue(cache.size() <= 64, "size " + cache.size() + " over the bound of 64");
    }
  }

  /** The segment of an Integer key in a cache of two segments. */
  private static int segmentOf(int key) {
    return Index.homeOf(key) & 1;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String stackOf(Thread thread) {
    StringBuilder stack = new StringBuilder("\n" + thread.getName() + ":");
    for (StackTraceElement frame : thread.getStackTrace()) {
      stack.append("\n  at ").append(frame);
    }
    return stack.toString();
  }
}
