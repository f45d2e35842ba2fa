package io.dualcache.bench.sim.policy;

import io.dualcache.engine.DualCache;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine as it runs in production: its own daemon thread does maintenance, and two threads
 * replay the trace together, taking requests in trace order from a shared cursor. Hits the daemon
 * never sees (full or overwritten hit rings) and writes it sees late show up here and not in the
 * deterministic replay. Not deterministic: the figure moves a little from run to run.
 *
 * <p>The note reports the most entries seen over the bound: the bound is enforced by the daemon,
 * after the fact, and a cache allowed to run over it hits more than its size deserves.
 */
public final class DualCacheLivePolicy implements ReplayPolicy {

  private static final int THREADS = 2;

  /** Nanoseconds each thread spends before each request (0: none). */
  private final long paceNanos;

  /** {@code paceNanos}: the time each thread spends before each request, busy, like a caller. */
  public DualCacheLivePolicy(long paceNanos) {
    if (paceNanos < 0) {
      throw new IllegalArgumentException("live pace must be >= 0 ns, pace=" + paceNanos);
    }
    this.paceNanos = paceNanos;
  }

  @Override
  public String name() {
    return "DualCache (live)";
  }

  @Override
  public Outcome replay(long[] trace, int size, Progress progress) {
    try (DualCache<Long, Boolean> cache = DualCache.<Long, Boolean>builder().maximumSize(size).build()) {
      AtomicInteger cursor = new AtomicInteger();
      AtomicLong hits = new AtomicLong();
      AtomicLong overshoot = new AtomicLong();
      Thread[] threads = new Thread[THREADS];
      for (int t = 0; t < THREADS; t++) {
        boolean watcher = t == 0;
        threads[t] =
            new Thread(
                () -> {
                  long mine = 0;
                  for (int i; (i = cursor.getAndIncrement()) < trace.length; ) {
                    Long key = trace[i];
                    spin(paceNanos);
                    if (cache.get(key) != null) {
                      mine++;
                    } else {
                      cache.put(key, Boolean.TRUE);
                    }
                    if ((i & (PROGRESS_STEP - 1)) == PROGRESS_STEP - 1) {
                      progress.advance(PROGRESS_STEP);
                    }
                    if (watcher && (i & 1023) == 0) {
                      overshoot.accumulateAndGet(cache.size() - size, Math::max);
                    }
                  }
                  hits.addAndGet(mine);
                },
                "replay-" + t);
        threads[t].start();
      }
      for (Thread t : threads) {
        join(t);
      }
      progress.advance(trace.length & (PROGRESS_STEP - 1));
      long over = overshoot.get();
      return new Outcome(hits.get(), over > 0 ? "held up to " + over + " over the bound" : null);
    }
  }

  /** Busy for {@code nanos}: a sleep that short would sleep far longer. */
  private static void spin(long nanos) {
    if (nanos > 0) {
      long until = System.nanoTime() + nanos;
      while (System.nanoTime() - until < 0) {
        Thread.onSpinWait();
      }
    }
  }

  private static void join(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
