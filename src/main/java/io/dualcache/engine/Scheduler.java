package io.dualcache.engine;

/** Decides when and on which thread {@link Maintenance} rounds run. */
interface Scheduler {

  /** Called after a write queued work for maintenance; cheap when nothing needs doing. */
  void schedule();

  /** Stops scheduling; returns once no round started by this scheduler is running. */
  void stop();
}
