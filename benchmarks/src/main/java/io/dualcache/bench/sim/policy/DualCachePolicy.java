package io.dualcache.bench.sim.policy;

import io.dualcache.engine.DualCache;

/**
 * The DualCache engine's own eviction and admission, replayed single-threaded and deterministically:
 * {@code maximumSize(N)} and {@code executor(Runnable::run)}, so every maintenance round runs in
 * the replaying thread; {@code get}, and {@code put} on a miss.
 *
 * <p>Two variants, to separate the policy from its hit sampling:
 *
 * <ul>
 *   <li>{@link Mode#EVERY_HIT}: {@code cleanUp()} after each hit, so the policy sees every hit in
 *       order: the policy's own quality;
 *   <li>{@link Mode#WRITES_ONLY}: nothing but what the executor does: a round after each write.
 *       Hits are drained only then, and a run of more than the hit ring's 1,024 records between two
 *       misses loses the excess, as it would in production.
 * </ul>
 */
public final class DualCachePolicy implements ReplayPolicy {

  /** When maintenance sees the recorded hits. */
  public enum Mode {
    EVERY_HIT,
    WRITES_ONLY
  }

  private final Mode mode;

  public DualCachePolicy(Mode mode) {
    this.mode = mode;
  }

  @Override
  public String name() {
    return mode == Mode.EVERY_HIT ? "DualCache" : "DualCache (writes only)";
  }

  @Override
  public Outcome replay(long[] trace, int size, Progress progress) {
    try (DualCache<Long, Boolean> cache =
        DualCache.<Long, Boolean>builder().maximumSize(size).executor(Runnable::run).build()) {
      long hits = 0;
      long overshoot = 0;
      for (int i = 0; i < trace.length; i++) {
        Long key = trace[i];
        if (cache.get(key) != null) {
          hits++;
          if (mode == Mode.EVERY_HIT) {
            cache.cleanUp();
          }
        } else {
          cache.put(key, Boolean.TRUE); // the executor runs a round here
        }
        if ((i & (PROGRESS_STEP - 1)) == PROGRESS_STEP - 1) {
          progress.advance(PROGRESS_STEP);
          overshoot = Math.max(overshoot, cache.size() - size);
        }
      }
      progress.advance(trace.length & (PROGRESS_STEP - 1));
      return new Outcome(hits, overshoot > 0 ? "held up to " + overshoot + " over the bound" : null);
    }
  }
}
