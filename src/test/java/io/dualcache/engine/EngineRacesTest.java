package io.dualcache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Races between writers, readers and maintenance that once lost updates or stalled a cache. */
class EngineRacesTest {

  private static final Duration DEADLINE = Duration.ofSeconds(20);

  /** An executor that never runs anything: only backpressure and cleanUp run maintenance. */
  private static final java.util.concurrent.Executor NEVER = r -> {};

  @Test
  void clearDoesNotDeadlockWithAComputeWhoseNestedWritesMeetBackpressure() throws Exception {
    DualCache<Integer, Integer> cache =
        DualCache.<Integer, Integer>builder().maximumSize(64).executor(NEVER).build();
    CountDownLatch inCompute = new CountDownLatch(1);
    Thread clearer = new Thread(() -> awaitThenClear(inCompute, cache));
    assertTimeoutPreemptively(
        DEADLINE,
        () -> {
          cache.compute(
              -1,
              e -> {
                inCompute.countDown();
                awaitBlocked(clearer);
                for (int k = 0; k < 200; k++) { // more than the write queue holds
                  cache.put(k, k);
                }
                e.setValue(-1);
                return null;
              });
          clearer.join();
        });
    cache.cleanUp();
    assertTrue(cache.size() <= 64, "bound after the race: " + cache.size());
    cache.close();
  }

  private static void awaitThenClear(CountDownLatch inCompute, DualCache<?, ?> cache) {
    try {
      inCompute.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    cache.clear();
  }

  /** Starts {@code t} and waits until it blocks (on the compute's segment lock). */
  private static void awaitBlocked(Thread t) {
    if (t.getState() == Thread.State.NEW) {
      t.start();
    }
    Await.until(
        "the clearing thread blocks",
        () -> t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TERMINATED);
  }

  @Test
  void aReadNeverUndoesTheExpiryOfAConcurrentUpdate() throws Exception {
    // An update must never be visible (afterUpdate = 0); reads move deadlines by an hour.
    Set<Integer> updatedValues = ConcurrentHashMap.newKeySet();
    Expiry<Integer, Integer> expiry =
        new Expiry<>() {
          @Override
          public long afterCreate(Integer key, Integer value) {
            return TimeUnit.HOURS.toNanos(1);
          }

          @Override
          public long afterUpdate(Integer key, Integer value) {
            return 0;
          }

          @Override
          public long afterRead(Integer key, Integer value) {
            return TimeUnit.HOURS.toNanos(1);
          }

          @Override
          public boolean movesOnRead() {
            return true;
          }
        };
    DualCache<Integer, Integer> cache =
        DualCache.<Integer, Integer>builder()
            .expiry(expiry)
            .listener(
                (type, key, oldValue, newValue) -> {
                  if (type == ChangeType.REPLACED) {
                    updatedValues.add(newValue);
                  }
                })
            .build();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger next = new AtomicInteger();
    List<Set<Integer>> seenByReader = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int r = 0; r < 3; r++) {
      Set<Integer> seen = ConcurrentHashMap.newKeySet();
      seenByReader.add(seen);
      threads.add(
          new Thread(
              () -> {
                while (!stop.get()) {
                  Integer v = cache.get(0);
                  if (v != null) {
                    seen.add(v);
                  }
                }
              }));
    }
    threads.add(
        new Thread(
            () -> {
              while (!stop.get()) {
                cache.put(0, next.incrementAndGet());
              }
            }));
    threads.forEach(Thread::start);
    Thread.sleep(1500);
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
    for (Set<Integer> seen : seenByReader) {
      seen.retainAll(updatedValues);
      assertTrue(seen.isEmpty(), "readers saw values that updates stored: " + seen.size());
    }
    Integer last = cache.peek(0);
    assertTrue(last == null || !updatedValues.contains(last), "an updated value survived");
    cache.close();
  }

  @Test
  void theWeightTotalStaysExactWhileWritersChangeWeights() throws Exception {
    DualCache<Integer, Integer> cache =
        DualCache.<Integer, Integer>builder().maximumWeight(1_000_000, (k, v) -> v).build();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> writers = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      writers.add(
          new Thread(
              () -> {
                java.util.concurrent.ThreadLocalRandom random =
                    java.util.concurrent.ThreadLocalRandom.current();
                while (!stop.get()) {
                  cache.put(random.nextInt(64), random.nextInt(4));
                }
              }));
    }
    writers.forEach(Thread::start);
    Thread.sleep(1500);
    stop.set(true);
    for (Thread t : writers) {
      t.join();
    }
    cache.cleanUp();
    long expected = 0;
    for (var e : cache) {
      expected += e.getValue();
    }
    assertEquals(expected, cache.weightedSize(), "weight total against the entries present");
    for (int k = 0; k < 64; k++) {
      cache.remove(k);
    }
    cache.cleanUp();
    assertEquals(0, cache.weightedSize(), "weight total of an empty cache");
    cache.close();
  }

  /** An executor whose tasks run when the test says so, in the test's thread. */
  private static final class ManualExecutor implements java.util.concurrent.Executor {
    private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> tasks =
        new java.util.concurrent.ConcurrentLinkedQueue<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    void runPending() {
      Runnable task;
      while ((task = tasks.poll()) != null) {
        task.run();
      }
    }
  }

  /**
   * A cache bounded to 100 entries, filled, whose next eviction once {@link #armed} holds its round
   * (in the listener) until {@link #release}.
   */
  private static final class HeldRound {
    final CountDownLatch held = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicBoolean armed = new AtomicBoolean();
    final DualCache<Integer, Integer> cache;

    HeldRound(java.util.concurrent.Executor executor) {
      cache =
          DualCache.<Integer, Integer>builder()
              .maximumSize(100)
              .executor(executor)
              .listener(
                  (type, key, oldValue, newValue) -> {
                    if (type == ChangeType.EVICTED && armed.compareAndSet(true, false)) {
                      held.countDown();
                      awaitQuietly(release);
                    }
                  })
              .build();
      for (int k = 0; k < 100; k++) {
        cache.put(k, k);
      }
    }
  }

  @Test
  void aWriteWhoseRoundFoundMaintenanceBusyIsReconciledWithoutAnotherWrite() throws Exception {
    ManualExecutor executor = new ManualExecutor();
    HeldRound r = new HeldRound(executor);
    executor.runPending();
    r.armed.set(true);
    r.cache.put(100, 100); // over the bound by one: the cleanUp below evicts and is held there
    Thread cleaner = new Thread(r.cache::cleanUp);
    cleaner.start();
    r.held.await();
    for (int k = 101; k < 121; k++) {
      r.cache.put(k, k);
      executor.runPending(); // each round finds the maintenance lock taken and does nothing
    }
    r.release.countDown();
    cleaner.join();
    executor.runPending();
    assertEquals(100, r.cache.size(), "the writes made while maintenance was busy were reconciled");
    r.cache.close();
  }

  @Test
  void aWriteWhoseScheduleCameDuringTheExecutorsRoundIsReconciledWithoutAnotherWrite()
      throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    HeldRound r = new HeldRound(executor);
    r.cache.cleanUp();
    r.armed.set(true);
    r.cache.put(100, 100); // the executor's round evicts one and is held there
    r.held.await();
    for (int k = 101; k < 121; k++) {
      r.cache.put(k, k); // a round is scheduled already: these schedule nothing more
    }
    r.release.countDown();
    Await.until("the bound holds again: " + r.cache.size(), () -> r.cache.size() <= 100);
    r.cache.close();
    executor.shutdown();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aNestedReadOfTheSameKeyAtItsDeadlineDoesNotLoseTheComputesWrite() {
    FakeTicker ticker = new FakeTicker();
    DualCache<String, String> cache =
        DualCache.<String, String>builder()
            .ticker(ticker)
            .expireAfterWrite(Duration.ofSeconds(1))
            .hotTiers(2, 2)
            .executor(Runnable::run)
            .build();
    cache.put("k", "v0");
    for (int i = 0; i < 8; i++) {
      cache.get("k");
    }
    cache.cleanUp(); // "k" is hot: into the tiers
    cache.compute(
        "k",
        e -> {
          ticker.advance(Duration.ofSeconds(2));
          cache.cleanUp(); // publishes the tick: "k" is at its deadline now
          assertNull(cache.get("k"), "an expired entry reads as absent");
          e.setValue("v1");
          return null;
        });
    assertEquals("v1", cache.get("k"), "the compute's write");
    cache.put("k", "v2");
    assertEquals("v2", cache.get("k"), "a later put");
    cache.close();
  }

  @Test
  void aLifetimeEndingNearTheEndOfTimeIsNotExpiredAtOnce() {
    DualCache<String, String> cache =
        DualCache.<String, String>builder()
            .ticker(new FakeTicker())
            .expiry((key, value) -> Long.MAX_VALUE - 10) // about 292 years, but finite
            .build();
    cache.put("k", "v");
    assertEquals("v", cache.get("k"));
    cache.close();
  }

  @Test
  void aFailedBuildLeavesNoTickingClockBehind() {
    int before = TickingThread.registeredClocks();
    assertThrows(
        IllegalArgumentException.class,
        () ->
            DualCache.<String, String>builder()
                .expireAfterWrite(Duration.ofMinutes(1))
                .threadFactory(r -> null)
                .build());
    assertEquals(before, TickingThread.registeredClocks());
  }

  @Test
  void aRoundAfterCloseNeverFailsAWriteThatTookEffect() {
    AtomicReference<DualCache<Integer, Integer>> self = new AtomicReference<>();
    DualCache<Integer, Integer> cache =
        DualCache.<Integer, Integer>builder()
            .maximumSize(4)
            .executor(NEVER)
            .listener(
                (type, key, oldValue, newValue) -> {
                  if (type == ChangeType.CREATED && key == 1_000) {
                    self.get().close();
                  }
                })
            .build();
    self.set(cache);
    for (int k = 0; k < 16; k++) {
      cache.put(k, k); // fills the write queue: nothing drains it
    }
    cache.put(1_000, 0); // closes the cache, then meets backpressure
    assertTrue(cache.isClosed());
  }

  @Test
  void closeFromAListenerInARoundDoesNotDeadlockWithAComputeInBackpressure() throws Exception {
    AtomicBoolean armed = new AtomicBoolean();
    CountDownLatch inCompute = new CountDownLatch(1);
    AtomicReference<DualCache<Integer, Integer>> self = new AtomicReference<>();
    DualCache<Integer, Integer> cache =
        DualCache.<Integer, Integer>builder()
            .maximumSize(16)
            .executor(NEVER)
            .listener(
                (type, key, oldValue, newValue) -> {
                  if (type == ChangeType.EVICTED && armed.compareAndSet(true, false)) {
                    awaitQuietly(inCompute);
                    sleepQuietly(100); // the compute's nested writes meet backpressure meanwhile
                    self.get().close(); // inside the round: this thread holds maintenance
                  }
                })
            .build();
    self.set(cache);
    for (int k = 0; k < 64; k++) {
      cache.put(k, k);
    }
    armed.set(true);
    Thread cleaner = new Thread(cache::cleanUp); // its round evicts and closes the cache
    cleaner.start();
    assertTimeoutPreemptively(
        DEADLINE,
        () -> {
          try {
            cache.compute(
                -1,
                e -> {
                  inCompute.countDown();
                  for (int k = 100; k < 400; k++) {
                    cache.put(k, k); // more than the write queue holds
                  }
                  return null;
                });
          } catch (IllegalStateException closed) {
            assertEquals("cache is closed", closed.getMessage());
          }
          cleaner.join();
        });
    assertTrue(cache.isClosed());
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aThrowingTickerInMaintenanceStillLetsEveryWriteReachThePolicy() {
    AtomicBoolean broken = new AtomicBoolean();
    AtomicLong nanos = new AtomicLong();
    Ticker ticker =
        () -> {
          if (broken.get()) {
            throw new IllegalStateException("ticker broke");
          }
          return nanos.get();
        };
    DualCache<Integer, Integer> cache =
        DualCache.<Integer, Integer>builder()
            .maximumSize(10)
            .ticker(ticker)
            .executor(NEVER)
            .build();
    broken.set(true);
    for (int k = 0; k < 100; k++) {
      cache.put(k, k); // backpressure rounds read the ticker
    }
    broken.set(false);
    cache.cleanUp();
    assertEquals(10, cache.size(), "every write joined the policy and the bound holds");
    cache.close();
  }

  @Test
  void anExpiredEntryEvictedForSizeIsReportedAsExpired() {
    FakeTicker ticker = new FakeTicker();
    RecordingListener<String, String> events = new RecordingListener<>();
    DualCache<String, String> cache =
        DualCache.<String, String>builder()
            .maximumSize(1)
            .ticker(ticker)
            .expireAfterWrite(Duration.ofMillis(100))
            .executor(Runnable::run)
            .listener(events)
            .build();
    cache.put("a", "1");
    ticker.advance(Duration.ofMillis(200)); // expired, but the next sweep is due in a second
    cache.put("b", "2"); // over the bound: "a", the eldest of the main region, is the victim
    cache.cleanUp();
    for (String e : events.events()) {
      assertTrue(!e.startsWith("EVICTED a"), "expired a was reported as " + events.events());
    }
    assertTrue(events.events().contains("EXPIRED a 1->null"), events.events().toString());
    cache.close();
  }
}
