package io.dualcache.bench.sim.policy;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Bélády's optimal policy with bypass (the ceiling; as Caffeine's simulator's Clairvoyant): on a
 * miss in a full cache, the resident key needed farthest in the future leaves, unless the
 * requested key is needed even later (or never), in which case it is not admitted at all.
 *
 * <p>The cache is represented only by the positions in the trace at which its keys are next
 * requested: positions are unique, so "is the key at position i resident?" is "is i in the set?".
 * A key never requested again gets a unique position past the end.
 */
public final class OptimalPolicy implements ReplayPolicy {

  /** The last trace whose next-use table was built, and that table (reused across sizes). */
  private long[] lastTrace;

  private int[] lastNext;

  @Override
  public String name() {
    return "OPT";
  }

  @Override
  public Outcome replay(long[] trace, int size, Progress progress) {
    int[] next = nextUse(trace);
    TreeSet<Integer> resident = new TreeSet<>();
    long hits = 0;
    for (int i = 0; i < trace.length; i++) {
      if (resident.remove(i)) {
        hits++;
        resident.add(next[i]);
      } else if (resident.size() < size) {
        resident.add(next[i]);
      } else if (size > 0 && next[i] < resident.last()) {
        resident.pollLast(); // the farthest future use leaves
        resident.add(next[i]);
      } // else bypass: the requested key is needed later than anything resident
      if ((i & (PROGRESS_STEP - 1)) == PROGRESS_STEP - 1) {
        progress.advance(PROGRESS_STEP);
      }
    }
    progress.advance(trace.length & (PROGRESS_STEP - 1));
    return new Outcome(hits, null);
  }

  /** For each request, the position of the next request of the same key (or a unique "never"). */
  private int[] nextUse(long[] trace) {
    if (trace == lastTrace) {
      return lastNext;
    }
    int[] next = new int[trace.length];
    Map<Long, Integer> seen = new HashMap<>();
    for (int i = trace.length - 1; i >= 0; i--) {
      Integer later = seen.put(trace[i], i);
      next[i] = later != null ? later : trace.length + i; // unique, and past every real position
    }
    if ((long) trace.length * 2 > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("trace too long for int positions: " + trace.length);
    }
    lastTrace = trace;
    lastNext = next;
    return next;
  }
}
