package io.dualcache.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread per JVM that publishes the tick of every open engine's {@link EpochClock}. One
 * shared thread keeps idle caches free of wake-ups (a hundred Hibernate regions cost one wake-up
 * per millisecond, not a hundred) and keeps ticks on time even when an engine's maintenance is
 * slow. It starts with the first engine and ends when the last one closes.
 *
 * <p>It measures its own lateness (how much longer than asked each sleep took): that delay, plus
 * one tick, bounds how late an entry can expire.
 */
final class TickingThread implements Runnable {

  private static final Object LOCK = new Object();

  /** Registered clocks; replaced (copy on write) under LOCK, read by the thread. */
  private static volatile EpochClock[] clocks = new EpochClock[0];

  /** The running thread, or null. Guarded by LOCK. */
  private static Thread thread;

  /** The largest lateness seen, in nanoseconds. Written by the ticking thread, read by anyone. */
  private static final AtomicLong maxDelayNanos = new AtomicLong();

  /** Lateness histogram: bucket b counts wake-ups late by [2^b, 2^(b+1)) microseconds. */
  private static final AtomicLong[] delayHistogram = new AtomicLong[24];

  static {
    for (int b = 0; b < delayHistogram.length; b++) {
      delayHistogram[b] = new AtomicLong();
    }
  }

  private TickingThread() {}

  static void register(EpochClock clock) {
    synchronized (LOCK) {
      List<EpochClock> next = new ArrayList<>(List.of(clocks));
      next.add(clock);
      clocks = next.toArray(new EpochClock[0]);
      if (thread == null) {
        thread = new Thread(new TickingThread(), "dualcache-ticker");
        thread.setDaemon(true);
        thread.setContextClassLoader(TickingThread.class.getClassLoader()); // not the creator's

        thread.start();
      }
    }
  }

  static void deregister(EpochClock clock) {
    Thread stopping = null;
    synchronized (LOCK) {
      List<EpochClock> next = new ArrayList<>(List.of(clocks));
      next.remove(clock);
      clocks = next.toArray(new EpochClock[0]);
      if (next.isEmpty() && thread != null) {
        stopping = thread;
        thread = null;
      }
    }
    if (stopping != null) {
      LockSupport.unpark(stopping);
      join(stopping);
    }
  }

  /** How many clocks tick now (for tests: a closed or failed engine leaves none behind). */
  static int registeredClocks() {
    return clocks.length;
  }

  /** The largest delay of the ticking thread seen so far, in nanoseconds. */
  static long maxDelayNanos() {
    return maxDelayNanos.get();
  }

  /**
   * The delay that {@code fraction} (e.g. 0.999) of the ticking thread's wake-ups stayed under, as
   * an upper bound in nanoseconds from the log2 histogram.
   */
  static long delayPercentileNanos(double fraction) {
    long total = 0;
    for (AtomicLong b : delayHistogram) {
      total += b.get();
    }
    long seen = 0;
    for (int b = 0; b < delayHistogram.length; b++) {
      seen += delayHistogram[b].get();
      if (seen >= Math.ceil(total * fraction)) {
        return TimeUnit.MICROSECONDS.toNanos(1L << (b + 1));
      }
    }
    return maxDelayNanos();
  }

  /** Forgets the delays measured so far (tests measure one phase at a time). */
  static void resetDelayStatistics() {
    maxDelayNanos.set(0);
    for (AtomicLong b : delayHistogram) {
      b.set(0);
    }
  }

  @Override
  public void run() {
    Thread self = Thread.currentThread();
    while (true) {
      EpochClock[] current = clocks;
      synchronized (LOCK) {
        if (thread != self) {
          return;
        }
      }
      long sleep = TimeUnit.MILLISECONDS.toNanos(1);
      for (EpochClock clock : current) {
        try {
          clock.refresh();
        } catch (RuntimeException | Error fromFakeTicker) {
          // a test ticker may throw; the other clocks must keep ticking
        }
        sleep = Math.min(sleep, clock.tickNanos);
      }
      long start = System.nanoTime();
      LockSupport.parkNanos(this, sleep);
      recordDelay(System.nanoTime() - start - sleep);
    }
  }

  private static void recordDelay(long lateNanos) {
    if (lateNanos < 0) {
      return; // woken early (unpark or spurious)
    }
    maxDelayNanos.accumulateAndGet(lateNanos, Math::max);
    long micros = Math.max(1, lateNanos / 1000);
    int bucket = Math.min(63 - Long.numberOfLeadingZeros(micros), delayHistogram.length - 1);
    delayHistogram[bucket].incrementAndGet();
  }

  private static void join(Thread t) {
    boolean interrupted = false;
    while (t.isAlive()) {
      try {
        t.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
