package io.dualcache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every engine shape under everything at once: readers, writers, computes whose actions write other
 * keys, clears and cleanUps, and finally a close while all of them still run. Every call must
 * return within {@link #CALL_DEADLINE} (a watchdog fails the test with the stuck thread's stack
 * otherwise), and once the workers stop, the bound and the policy's weight total must be exact.
 */
class ChaosStressTest {

  /** How long the workers run per shape; longer runs: -Ddualcache.chaos.millis=10000. */
  private static final Duration RUN =
      Duration.ofMillis(Long.getLong("dualcache.chaos.millis", 1500));

  /** Reader threads; more threads than cores: -Ddualcache.chaos.readers=6. */
  private static final int READERS = Integer.getInteger("dualcache.chaos.readers", 2);

  private static final Duration CALL_DEADLINE = Duration.ofSeconds(5);
  private static final int KEYS = 1024;

  /** One worker thread whose current call the watchdog can time. */
  private static final class Worker extends Thread {
    /** System.nanoTime() at the start of the current call, or 0 between calls. */
    final AtomicLong callStart = new AtomicLong();

    private final Runnable call;
    private final AtomicBoolean stop;
    private final AtomicReference<Throwable> failure;

    Worker(String name, Runnable call, AtomicBoolean stop, AtomicReference<Throwable> failure) {
      super(name);
      this.call = call;
      this.stop = stop;
      this.failure = failure;
      setDaemon(true);
    }

    @Override
    public void run() {
      while (!stop.get()) {
        callStart.set(System.nanoTime());
        try {
          call.run();
        } catch (IllegalStateException closed) {
          if (!"cache is closed".equals(closed.getMessage())) {
            failure.compareAndSet(null, closed);
          }
        } catch (RuntimeException | Error e) {
          failure.compareAndSet(null, e);
        } finally {
          callStart.set(0);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(EngineShape.class)
  void everyCallReturnsAndTheAccountsAreExactAtQuiescence(EngineShape shape) throws Exception {
    FakeTicker ticker = new FakeTicker();
    DualCache<Integer, Integer> cache = shape.<Integer, Integer>builder(ticker).build();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Worker> workers = new ArrayList<>();
    for (int r = 0; r < READERS; r++) {
      workers.add(new Worker("reader-" + r, () -> cache.get(key()), stop, failure));
    }
    workers.add(new Worker("writer", () -> write(cache), stop, failure));
    workers.add(
        new Worker(
            "computer",
            () ->
                cache.compute(
                    key(),
                    e -> {
                      cache.put(key(), value()); // a nested write of another key
                      e.setValue(e.exists() ? e.value() + 1 : value());
                      return null;
                    }),
            stop,
            failure));
    workers.add(
        new Worker(
            "janitor",
            () -> {
              ticker.advance(Duration.ofMillis(5));
              if (ThreadLocalRandom.current().nextInt(20) == 0) {
                cache.clear();
              } else {
                cache.cleanUp();
              }
            },
            stop,
            failure));
    workers.forEach(Thread::start);
    watch(workers, RUN, failure);
    stop.set(true);
    joinAll(workers);
    if (failure.get() != null) {
      throw new AssertionError(shape + ": a call failed", failure.get());
    }

    cache.cleanUp();
    long entries = 0;
    long weight = 0;
    for (Map.Entry<Integer, Integer> e : cache) {
      entries++;
      weight += shape.weighted() ? EngineShape.weightOf(e.getValue()) : 1;
    }
    assertEquals(entries, cache.size(), shape + ": entries iterated against size()");
    if (shape.bound >= 0) {
      assertEquals(weight, cache.weightedSize(), shape + ": the policy's weight total");
      assertTrue(weight <= shape.bound, shape + ": over the bound at quiescence: " + weight);
    }
    closeWhileEverythingRuns(cache, shape);
  }

  /** Starts the workers again and closes the cache under them: every call still returns. */
  private static void closeWhileEverythingRuns(DualCache<Integer, Integer> cache, EngineShape shape)
      throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<Worker> workers = new ArrayList<>();
    workers.add(new Worker("reader", () -> cache.get(key()), stop, failure));
    workers.add(new Worker("writer", () -> write(cache), stop, failure));
    workers.add(new Worker("cleaner", cache::cleanUp, stop, failure));
    workers.forEach(Thread::start);
    Thread.sleep(50);
    Worker closer = new Worker("closer", cache::close, new AtomicBoolean(true), failure);
    closer.start();
    closer.join(CALL_DEADLINE.toMillis());
    assertTrue(!closer.isAlive(), shape + ": close() did not return");
    Thread.sleep(20);
    stop.set(true);
    watch(workers, Duration.ZERO, failure);
    joinAll(workers);
    if (failure.get() != null) {
      throw new AssertionError(shape + ": a call failed around close()", failure.get());
    }
  }

  private static void write(DualCache<Integer, Integer> cache) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int k = key();
    switch (random.nextInt(4)) {
      case 0 -> cache.put(k, value());
      case 1 -> cache.remove(k);
      case 2 -> cache.replace(k, value());
      default -> cache.putIfAbsent(k, value());
    }
  }

  private static int key() {
    return ThreadLocalRandom.current().nextInt(KEYS);
  }

  private static int value() {
    return ThreadLocalRandom.current().nextInt(1_000);
  }

  /** Fails if a worker's call runs past the deadline during {@code period} or when it ends. */
  private static void watch(List<Worker> workers, Duration period, AtomicReference<Throwable> f)
      throws InterruptedException {
    long end = System.nanoTime() + period.toNanos();
    do {
      long now = System.nanoTime();
      for (Worker w : workers) {
        long start = w.callStart.get();
        if (start != 0 && now - start > CALL_DEADLINE.toNanos()) {
          AssertionError stuck =
              new AssertionError(w.getName() + " is stuck in a call for over " + CALL_DEADLINE);
          stuck.setStackTrace(w.getStackTrace());
          throw stuck;
        }
      }
      if (f.get() != null) {
        return;
      }
      Thread.sleep(10);
    } while (System.nanoTime() < end);
  }

  private static void joinAll(List<Worker> workers) throws InterruptedException {
    long deadline = System.nanoTime() + CALL_DEADLINE.toNanos();
    for (Worker w : workers) {
      w.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      if (w.isAlive()) {
        AssertionError stuck = new AssertionError(w.getName() + " did not stop: a call hangs");
        stuck.setStackTrace(w.getStackTrace());
        fail(stuck);
      }
    }
  }
}
