package io.dualcache.jcache.event;

import java.lang.System.Logger.Level;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks one at a time, in the order they were submitted, on a shared executor: at most one
 * drain task of this queue is on the executor at any time. A task that throws anything, an Error
 * included, is logged and the next one runs: one failure never holds back the tasks behind it (the
 * tasks of {@link EventDispatcher} handle their failures themselves; this is the backstop).
 */
final class SerialExecutor implements Executor {

  private static final System.Logger LOG = System.getLogger(SerialExecutor.class.getName());

  private final Executor executor;

  /** Added to by submitting threads, polled by the one drainer (lock-free queue). */
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

  /** Whether a drain task is scheduled or running. CAS by submitters, cleared by the drainer. */
  private final AtomicBoolean draining = new AtomicBoolean();

  SerialExecutor(Executor executor) {
    this.executor = executor;
  }

  @Override
  public void execute(Runnable task) {
    tasks.add(task);
    scheduleDrain();
  }

  private void scheduleDrain() {
    if (!tasks.isEmpty() && draining.compareAndSet(false, true)) {
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException e) {
        draining.set(false);
        LOG.log(Level.WARNING, "executor rejected the delivery of asynchronous events", e);
      } catch (RuntimeException | Error e) { // a broken executor: the next execute tries again
        draining.set(false);
        LOG.log(Level.WARNING, "executor failed to take the delivery of asynchronous events", e);
      }
    }
  }

  private void drain() {
    try {
      Runnable task;
      while ((task = tasks.poll()) != null) {
        try {
          task.run();
        } catch (RuntimeException | Error e) {
          LOG.log(Level.WARNING, "an asynchronous task failed; the next one runs", e);
        }
      }
    } finally {
      draining.set(false);
    }
    scheduleDrain(); // a task added after our last poll but before the flag was cleared
  }
}
