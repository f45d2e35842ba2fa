package io.dualcache.bench.sim.policy;

/** A cache policy the simulator replays traces through. */
public interface ReplayPolicy {

  /** The column name in the tables. */
  String name();

  /** Independent runs to average: more than one for a policy with randomness. */
  default int runs() {
    return 1;
  }

  /** Replays {@code trace} through a cache of {@code size} entries. */
  Outcome replay(long[] trace, int size, Progress progress);

  /**
   * What one replay gave.
   *
   * @param hits requests that found their key
   * @param note anything the table should say beside the figure (null for nothing)
   */
  record Outcome(long hits, String note) {}

  /** Told how many requests have been replayed, for the progress bar. */
  @FunctionalInterface
  interface Progress {
    void advance(long requests);
  }

  /** How often a replay reports progress, in requests. */
  int PROGRESS_STEP = 1 << 16;
}
