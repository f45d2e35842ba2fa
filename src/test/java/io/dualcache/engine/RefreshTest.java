package io.dualcache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualcache.testing.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Refresh-ahead, with a fake ticker and an executor whose tasks the test runs. */
class RefreshTest {

  private static final Duration AGE = Duration.ofSeconds(1);

  private final FakeTicker ticker = new FakeTicker();
  private final RecordingListener<String, String> events = new RecordingListener<>();
  private final ConcurrentLinkedQueue<Runnable> reloads = new ConcurrentLinkedQueue<>();
  private final AtomicInteger reloadCalls = new AtomicInteger();
  private DualCache<String, String> cache;

  /** Reloads "k" with "old" to "k:fresh1", then "k:fresh2", ... */
  private final Reloader<String, String> counting =
      (key, old) -> key + ":fresh" + reloadCalls.incrementAndGet();

  private DualCache<String, String> build(Reloader<String, String> reloader) {
    return build(DualCache.<String, String>builder(), reloader);
  }

  private DualCache<String, String> build(
      DualCacheBuilder<String, String> builder, Reloader<String, String> reloader) {
    cache =
        builder
            .ticker(ticker)
            .listener(events)
            .executor(Runnable::run)
            .refreshAfterWrite(AGE, reloader)
            .refreshExecutor(reloads::add)
            .build();
    return cache;
  }

  @AfterEach
  void close() {
    if (cache != null) {
      cache.close();
    }
  }

  /** Moves the fake time and publishes its tick (cleanUp publishes the tick it reads). */
  private void advance(Duration d) {
    ticker.advance(d);
    cache.cleanUp();
  }

  private void runReloads() {
    Runnable task;
    while ((task = reloads.poll()) != null) {
      task.run();
    }
  }

  @Test
  void anEntryYoungerThanTheAgeIsNotReloaded() {
    build(counting).put("k", "old");
    advance(AGE.minusMillis(1));
    assertEquals("old", cache.get("k"));
    assertTrue(reloads.isEmpty(), "no reload before the age");
  }

  @Test
  void aDueEntryIsServedAtOnceAndReloadedOnceThenReplaced() {
    build(counting).put("k", "old");
    advance(AGE);
    events.drain();
    assertEquals("old", cache.get("k"), "the reading thread gets the current value");
    assertEquals("old", cache.get("k"), "and so does the next, while the reload is pending");
    assertEquals(1, reloads.size(), "one reload for the key, not one per read");
    runReloads();
    assertEquals("k:fresh1", cache.get("k"));
    assertEquals(List.of("REPLACED k old->k:fresh1"), events.drain(), "a reload is an update");
    assertTrue(reloads.isEmpty(), "the reloaded entry is young again");
    advance(AGE);
    cache.get("k");
    assertEquals(1, reloads.size(), "due again one age after the reload's write");
  }

  @Test
  void eightConcurrentReadersStartExactlyOneReloadAndAllGetTheOldValue() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger running = new AtomicInteger();
    Reloader<String, String> slow =
        (key, old) -> {
          reloadCalls.incrementAndGet();
          running.incrementAndGet();
          release.await();
          return "new";
        };
    cache =
        DualCache.<String, String>builder()
            .ticker(ticker)
            .executor(Runnable::run)
            .refreshAfterWrite(AGE, slow)
            .refreshExecutor(task -> new Thread(task, "reload").start())
            .build();
    cache.put("k", "old");
    advance(AGE);
    List<Thread> readers = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    AtomicInteger wrong = new AtomicInteger();
    for (int t = 0; t < 8; t++) {
      Thread reader =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                for (int i = 0; i < 20_000; i++) {
                  if (!"old".equals(cache.get("k"))) {
                    wrong.incrementAndGet();
                  }
                }
              });
      reader.start();
      readers.add(reader);
    }
    assertTimeoutPreemptively(
        Duration.ofSeconds(20),
        () -> {
          start.countDown();
          for (Thread reader : readers) {
            reader.join();
          }
        },
        "a read never waits for a reload");
    assertEquals(0, wrong.get(), "every read during the reload got the old value");
    assertEquals(1, reloadCalls.get(), "8 readers x 20,000 reads of a due entry: one reload");
    release.countDown();
    Await.until("the reload replaced the value", () -> "new".equals(cache.peek("k")));
    assertEquals(1, reloadCalls.get());
  }

  @Test
  void aWriteDuringTheReloadWins() {
    build(counting).put("k", "old");
    advance(AGE);
    cache.get("k");
    cache.put("k", "written");
    events.drain();
    runReloads();
    assertEquals("written", cache.get("k"), "the reload of a value since replaced is dropped");
    assertEquals(List.of(), events.drain(), "and fires nothing");
  }

  @Test
  void aWriteDuringTheReloadDoesNotLetASecondReloadStart() {
    build(counting).put("k", "old");
    advance(AGE);
    cache.get("k");
    cache.put("k", "written");
    advance(AGE);
    cache.get("k"); // due again, but the first reload has not ended
    assertEquals(1, reloads.size());
    runReloads();
    cache.get("k");
    assertEquals(1, reloads.size(), "once the first ended, the due entry reloads");
  }

  @Test
  void aRemovalDuringTheReloadWins() {
    build(counting).put("k", "old");
    advance(AGE);
    cache.get("k");
    cache.remove("k");
    runReloads();
    assertNull(cache.get("k"));
    assertEquals(0, cache.size());
  }

  @Test
  void expiryWinsOverRefresh() {
    build(DualCache.<String, String>builder().expireAfterWrite(Duration.ofSeconds(2)), counting);
    cache.put("k", "old");
    advance(Duration.ofSeconds(2));
    assertNull(cache.get("k"), "an expired entry is a miss");
    assertTrue(reloads.isEmpty(), "and is not reloaded");
  }

  @Test
  void aReloadThatEndsAfterExpiryStoresNothing() {
    build(DualCache.<String, String>builder().expireAfterWrite(Duration.ofSeconds(2)), counting);
    cache.put("k", "old");
    advance(AGE);
    cache.get("k");
    advance(AGE);
    runReloads();
    assertNull(cache.get("k"));
  }

  @Test
  void aFailingReloadKeepsTheOldValueCountsAndLogsOncePerStreak() throws Exception {
    AtomicInteger fail = new AtomicInteger(3);
    try (LogCapture log = new LogCapture(Refresher.class.getName())) {
      build(
              (key, old) -> {
                if (fail.getAndDecrement() > 0) {
                  throw new IllegalStateException("backend down");
                }
                return "new";
              })
          .put("k", "old");
      advance(AGE);
      for (int i = 0; i < 3; i++) {
        assertEquals("old", cache.get("k"), "a failed reload keeps the old value");
        runReloads();
      }
      assertEquals(3, cache.metrics().refreshFailures());
      assertEquals(1, log.linesWith("a reload ahead of expiry failed").size(), "one per streak");
      assertEquals(1, log.linesWith("backend down").size(), "with the cause");
      cache.get("k");
      runReloads();
      assertEquals("new", cache.get("k"), "the next read after a failure tries again");
      assertEquals(1, log.linesWith("reloads succeed again (3 failed so far)").size());
      fail.set(1);
      advance(AGE);
      cache.get("k");
      runReloads();
      assertEquals(2, log.linesWith("a reload ahead of expiry failed").size(), "a new streak");
    }
  }

  @Test
  void aReloadThatThrowsAnErrorIsCountedAndLoggedAndTheErrorStillReachesTheExecutor()
      throws Exception {
    try (LogCapture log = new LogCapture(Refresher.class.getName())) {
      build(
              (key, old) -> {
                throw new AssertionError("loader bug");
              })
          .put("k", "old");
      advance(AGE);
      assertEquals("old", cache.get("k"));
      Runnable reload = reloads.poll();
      AssertionError thrown = assertThrows(AssertionError.class, reload::run);
      assertEquals("loader bug", thrown.getMessage(), "the executor's handler sees the Error");
      assertEquals(1, cache.metrics().refreshFailures(), "an Error is a failed reload too");
      assertEquals(1, log.linesWith("loader bug").size(), "logged with the cause");
      assertEquals("old", cache.get("k"), "the old value stays");
      assertEquals(1, reloads.size(), "and the next read tries again");
    }
  }

  @Test
  void aReloaderReturningNullKeepsTheValue() {
    build((key, old) -> null).put("k", "old");
    advance(AGE);
    cache.get("k");
    runReloads();
    assertEquals("old", cache.get("k"));
    assertEquals(0, cache.metrics().refreshFailures());
  }

  @Test
  void aRejectedReloadCountsAsAFailureAndLetsTheNextReadTry() {
    AtomicInteger rejections = new AtomicInteger(1);
    Executor rejecting =
        task -> {
          if (rejections.getAndDecrement() > 0) {
            throw new RejectedExecutionException("full");
          }
          reloads.add(task);
        };
    cache =
        DualCache.<String, String>builder()
            .ticker(ticker)
            .executor(Runnable::run)
            .refreshAfterWrite(AGE, counting)
            .refreshExecutor(rejecting)
            .build();
    cache.put("k", "old");
    advance(AGE);
    assertEquals("old", cache.get("k"));
    assertEquals(1, cache.metrics().refreshFailures());
    cache.get("k");
    runReloads();
    assertEquals("k:fresh1", cache.get("k"));
  }

  @Test
  void peekAndContainsKeyDoNotStartReloads() {
    build(counting).put("k", "old");
    advance(AGE);
    cache.peek("k");
    cache.containsKey("k");
    assertTrue(reloads.isEmpty());
  }

  /** Unbounded, bounded by size and bounded by weight: the reload works and the bound holds. */
  @ParameterizedTest
  @ValueSource(strings = {"unbounded", "size", "weight"})
  void everyKindOfBoundRefreshes(String bound) {
    DualCacheBuilder<String, String> builder = DualCache.builder();
    switch (bound) {
      case "size" -> builder.maximumSize(10);
      case "weight" -> builder.maximumWeight(40, (key, value) -> value.length());
      default -> {}
    }
    build(builder, counting);
    for (int i = 0; i < 100; i++) {
      cache.put("k" + i, "old");
    }
    advance(AGE);
    for (int i = 0; i < 100; i++) {
      cache.get("k" + i);
    }
    runReloads();
    cache.cleanUp();
    long refreshed = 0;
    for (int i = 0; i < 100; i++) {
      String value = cache.peek("k" + i);
      if (value != null && value.startsWith("k" + i + ":fresh")) {
        refreshed++;
      }
    }
    assertTrue(refreshed > 0, "some present entries were reloaded");
    if (!bound.equals("unbounded")) {
      assertTrue(cache.weightedSize() <= (bound.equals("size") ? 10 : 40), "bound honoured");
    } else {
      assertEquals(100, refreshed, "unbounded: every entry reloaded");
    }
  }

  @Test
  void refreshAfterWriteMustBePositive() {
    DualCacheBuilder<String, String> builder = DualCache.builder();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> builder.refreshAfterWrite(Duration.ZERO, counting));
    assertEquals("refreshAfterWrite must be > 0, refreshAfterWrite=PT0S", e.getMessage());
    assertThrows(NullPointerException.class, () -> builder.refreshAfterWrite(AGE, null));
  }

  /**
   * A reload that started from a value must not overwrite the entry once it was written again, even
   * with that very value object (small Integers, enums, literals are always the same object).
   */
  @Test
  void aReloadDoesNotOverwriteANewerWriteOfTheSameObject() {
    String a = "A";
    build((key, old) -> "reloaded-from-" + old);
    cache.put("k", a);
    advance(AGE);
    assertEquals(a, cache.get("k")); // due: starts the reload from a
    cache.put("k", "B");
    cache.put("k", a); // the newest write, of the object the reload started from
    runReloads();
    assertEquals(a, cache.peek("k"), "a reload started before two writes overwrote the newest");
  }
}
