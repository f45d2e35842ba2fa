package io.dualcache.engine;

import java.lang.invoke.VarHandle;
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

  /**
   * IDLE or SCHEDULED. Writers CAS it IDLE to SCHEDULED; the task sets it back (volatile) and then
   * looks at the write queue again, so that a write whose {@code schedule()} saw SCHEDULED after
   * the task's round had already drained is never left waiting.
   */
  private final AtomicInteger state = new AtomicInteger();

  private volatile boolean stopped;

  ExecutorScheduler(Maintenance<?, ?> maintenance, Executor executor) {
    this.maintenance = maintenance;
    this.executor = executor;
  }

  @Override
  public void schedule() {
    VarHandle.fullFence(); // StoreLoad, Dekker with runRound: the writer's queued node, then state
    if (stopped || state.get() != IDLE || !state.compareAndSet(IDLE, SCHEDULED)) {
      return;
    }
    try {
      executor.execute(this::runRound);
    } catch (RejectedExecutionException e) {
      runRound(); // the executor is shutting down or saturated: do it here
    }
  }

  /**
   * One round, then another if writes came meanwhile whose {@code schedule()} saw this task's
   * SCHEDULED: either this task sees their nodes after setting IDLE, or they see IDLE (both sides
   * fence between their store and their load). Only nodes a poll could take count: a writer between
   * claiming a slot and filling it schedules once it has filled it, and rescheduling for it here
   * would spin. Nor does a round that found the maintenance lock taken schedule another while the
   * holder runs: the holder looks at the queue after it lets go.
   */
  private void runRound() {
    int handled = -1;
    try {
      if (!stopped) {
        handled = maintenance.tryRun();
      }
    } finally {
      state.set(IDLE);
    }
    VarHandle.fullFence(); // StoreLoad, Dekker with schedule(): IDLE, then the queue
    if (!stopped && maintenance.hasPollableWrites() && (handled >= 0 || !maintenance.isRunning())) {
      schedule();
    }
  }

  @Override
  public void stop(boolean awaitRound) {
    stopped = true;
    if (awaitRound) {
      maintenance.awaitRunningRound();
    }
  }
}
