package io.dualcache.engine;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The engine's own daemon: one thread that runs {@link Maintenance} rounds. It sleeps between
 * rounds: 1 ms after a round that handled writes (eviction should follow writes closely), 8 ms
 * after one that only drained hit records (a sample of hits is all the policy needs, and on a
 * machine with few cores every millisecond the daemon runs is taken from the readers), and longer
 * and longer while there is nothing to do. A write wakes it when it sleeps.
 *
 * <p>After a round of hit records it sleeps at least {@value #HITS_DUTY_FACTOR} times as long as
 * the round took, so that hits never take more than 1/16 of a core, however large the cache. A
 * drained hit costs the daemon a few cache misses (the index, the node and its neighbours in the
 * policy's lists, the sketch): about 250 ns at 2^16 entries and 750 ns at 2^20, where 8 ms sleeps
 * had it busy 11–14% of the time beside two readers on two cores, and their gets ran 5–10% slower
 * than with the daemon asleep. Alone on a core, a round of 2,048 records takes about 0.5 ms at 2^16
 * entries, which already gets the 8 ms floor; the rule leaves any cache a steady sample of its
 * hits, and only the sample's rate per second falls where each record costs more. The round is
 * timed by the wall clock, so a daemon that had to share its core with busy readers also waits
 * longer, which is when the readers need the core most (beside two of them at 2^16 its share fell
 * from 7% to 4%, with no change in their speed beyond the noise). One thread per engine keeps
 * engines independent (a slow listener in one cache never delays another's eviction) and makes
 * {@code close()} exact: the thread is gone when close returns.
 */
final class DaemonThread implements Scheduler, Runnable {

  private static final long MIN_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long HITS_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(8);
  private static final long MAX_SLEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  /** A round of hit records is followed by at least this many times its length of sleep. */
  static final int HITS_DUTY_FACTOR = 15;

  private final Maintenance<?, ?> maintenance;
  private final Thread thread;

  /**
   * Set by the daemon before it parks, cleared by whoever wakes it. Volatile: Dekker with writes.
   */
  private volatile boolean sleeping;

  /** Set once by {@link #stop}; read by the daemon. */
  private volatile boolean stopped;

  DaemonThread(Maintenance<?, ?> maintenance, ThreadFactory factory) {
    this.maintenance = maintenance;
    this.thread = factory.newThread(this);
    if (thread == null) {
      throw new IllegalArgumentException("threadFactory returned null");
    }
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void schedule() {
    if (sleeping) {
      sleeping = false;
      LockSupport.unpark(thread);
    }
  }

  @Override
  public void stop(boolean awaitRound) {
    stopped = true;
    LockSupport.unpark(thread);
    if (!awaitRound || Thread.currentThread() == thread) {
      return; // closed from inside a write, or from a listener running in the daemon
    }
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The sleep after a round that only drained hit records and took {@code roundNanos}. */
  static long sleepAfterHits(long roundNanos) {
    return Math.min(MAX_SLEEP_NANOS, Math.max(HITS_SLEEP_NANOS, HITS_DUTY_FACTOR * roundNanos));
  }

  @Override
  public void run() {
    long sleep = MIN_SLEEP_NANOS;
    while (!stopped) {
      int writes = 0;
      long started = System.nanoTime();
      try {
        writes = maintenance.tryRun();
      } catch (RuntimeException | Error e) {
        // Maintenance catches user code's exceptions itself; anything else is a bug, but the
        // daemon must survive it or the cache would stop honouring its bound.
        System.getLogger(DaemonThread.class.getName())
            .log(System.Logger.Level.ERROR, "DualCache maintenance failed", e);
      }
      if (writes >= 0 && maintenance.hasPendingWrites()) {
        continue; // the queue refilled while we drained it
      }
      if (writes != 0) {
        sleep = MIN_SLEEP_NANOS;
      } else if (maintenance.lastHitsDrained() > 0) {
        sleep = sleepAfterHits(System.nanoTime() - started);
      } else {
        sleep = Math.min(sleep * 2, MAX_SLEEP_NANOS); // idle: back off, a write wakes us anyway
      }
      sleeping = true;
      if (!maintenance.hasPendingWrites() && !stopped) {
        LockSupport.parkNanos(this, sleep);
      }
      sleeping = false;
    }
  }
}
