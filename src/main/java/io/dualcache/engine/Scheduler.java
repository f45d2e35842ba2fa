package io.dualcache.engine;

/** Decides when and on which thread {@link Maintenance} rounds run. */
interface Scheduler {

  /** Called after a write queued work for maintenance; cheap when nothing needs doing. */
  void schedule();

  /**
   * Stops scheduling; with {@code awaitRound}, returns once no round started by this scheduler is
   * running. Without it (a close from inside a write, where that round may wait for the write's
   * segment), returns at once: the round under way finishes on its own.
   */
  void stop(boolean awaitRound);
}
