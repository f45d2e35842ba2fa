package io.dualcache.engine;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs {@link Maintenance} rounds as tasks on a caller-supplied executor, one at a time, after
 * writes. With {@code Runnable::run} every round runs in the writing thread, which makes the engine
 * deterministic (the hit-ratio simulator and tests use that). Without writes nothing runs: expired
 * entries are then removed when read or by {@code cleanUp()}.
 */
final class ExecutorScheduler implements Scheduler {

  private static final int IDLE = 0;
  private static final int SCHEDULED = 1;

  private final Maintenance<?, ?> maintenance;
  private final Executor executor;

  /** IDLE or SCHEDULED; CAS by writers, set by the task. */
  private final AtomicInteger state = new AtomicInteger();

  private volatile boolean stopped;

  ExecutorScheduler(Maintenance<?, ?> maintenance, Executor executor) {
    this.maintenance = maintenance;
    this.executor = executor;
  }

  @Override
  public void schedule() {
    if (stopped || state.get() != IDLE || !state.compareAndSet(IDLE, SCHEDULED)) {
      return;
    }
    try {
      executor.execute(this::runRound);
    } catch (RejectedExecutionException e) {
      runRound(); // the executor is shutting down or saturated: do it here
    }
  }

  private void runRound() {
    try {
      if (!stopped) {
        maintenance.tryRun();
      }
    } finally {
      state.set(IDLE);
    }
  }

  @Override
  public void stop() {
    stopped = true;
    maintenance.awaitRunningRound();
  }
}
