package io.dualcache.bench.sim.policy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The real Caffeine (W-TinyLFU), exactly as the traces' README measured it: {@code
 * maximumSize(N)}, {@code executor(Runnable::run)}, {@code getIfPresent} and {@code put} on a
 * miss. Its admission has random jitter, so it is averaged over 3 runs.
 */
public final class CaffeinePolicy implements ReplayPolicy {

  @Override
  public String name() {
    return "Caffeine";
  }

  @Override
  public int runs() {
    return 3;
  }

  @Override
  public Outcome replay(long[] trace, int size, Progress progress) {
    Cache<Long, Boolean> cache =
        Caffeine.newBuilder().maximumSize(size).executor(Runnable::run).build();
    long hits = 0;
    for (int i = 0; i < trace.length; i++) {
      Long key = trace[i];
      if (cache.getIfPresent(key) != null) {
        hits++;
      } else {
        cache.put(key, Boolean.TRUE);
      }
      if ((i & (PROGRESS_STEP - 1)) == PROGRESS_STEP - 1) {
        progress.advance(PROGRESS_STEP);
      }
    }
    progress.advance(trace.length & (PROGRESS_STEP - 1));
    return new Outcome(hits, null);
  }
}
