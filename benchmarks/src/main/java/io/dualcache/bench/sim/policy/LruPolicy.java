package io.dualcache.bench.sim.policy;

import java.util.LinkedHashMap;
import java.util.Map;

/** Least recently used, on an access-ordered {@link LinkedHashMap}: the textbook baseline. */
public final class LruPolicy implements ReplayPolicy {

  @Override
  public String name() {
    return "LRU";
  }

  @Override
  public Outcome replay(long[] trace, int size, Progress progress) {
    Map<Long, Boolean> cache =
        new LinkedHashMap<>(2 * size, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
            return size() > size;
          }
        };
    long hits = 0;
    for (int i = 0; i < trace.length; i++) {
      Long key = trace[i];
      if (cache.get(key) != null) {
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
