package io.dualcache.bench.sim.policy;

import io.dualcache.bench.sim.policy.KeyQueue.Entry;
import java.util.HashMap;
import java.util.Map;

/**
 * Adaptive Replacement Cache (Megiddo &amp; Modha, "ARC: A Self-Tuning, Low Overhead Replacement
 * Cache", FAST'03, Fig. 4), as the traces' README measured it: the target size {@code p} of T1 is
 * an integer and moves by integer quotients, {@code max(|B2| / |B1|, 1)} up on a hit in B1 and
 * {@code max(|B1| / |B2|, 1)} down on a hit in B2 (Caffeine's simulator does the same).
 *
 * <p>Four LRU lists: T1 (resident, seen once since it entered), T2 (resident, seen at least twice),
 * B1 and B2 (the keys last evicted from T1 and T2, not resident). A ghost hit counts as a miss.
 * The paper's cases:
 *
 * <ol>
 *   <li>hit in T1 or T2: to the MRU end of T2;
 *   <li>hit in B1: grow p, REPLACE, to the MRU end of T2;
 *   <li>hit in B2: shrink p, REPLACE, to the MRU end of T2;
 *   <li>new key: if |T1| + |B1| = c, drop B1's LRU and REPLACE when |T1| &lt; c, else drop T1's LRU
 *       outright; otherwise, if all four lists hold c or more, drop B2's LRU when they hold 2c and
 *       REPLACE. Then to the MRU end of T1.
 * </ol>
 *
 * REPLACE moves T1's LRU to B1 when T1 is not empty and holds more than p (or exactly p and the
 * request was a hit in B2); otherwise T2's LRU to B2.
 */
public final class ArcPolicy implements ReplayPolicy {

  @Override
  public String name() {
    return "ARC";
  }

  @Override
  public Outcome replay(long[] trace, int size, Progress progress) {
    Arc arc = new Arc(size);
    long hits = 0;
    for (int i = 0; i < trace.length; i++) {
      if (arc.access(trace[i])) {
        hits++;
      }
      if ((i & (PROGRESS_STEP - 1)) == PROGRESS_STEP - 1) {
        progress.advance(PROGRESS_STEP);
      }
    }
    progress.advance(trace.length & (PROGRESS_STEP - 1));
    return new Outcome(hits, null);
  }

  /** One ARC cache of {@code c} entries. */
  static final class Arc {
    private final int c;
    private final Map<Long, Entry> entries = new HashMap<>();
    private final KeyQueue t1 = new KeyQueue();
    private final KeyQueue t2 = new KeyQueue();
    private final KeyQueue b1 = new KeyQueue();
    private final KeyQueue b2 = new KeyQueue();
    private int p;

    Arc(int c) {
      if (c < 1) {
        throw new IllegalArgumentException("size " + c);
      }
      this.c = c;
    }

    /** Requests {@code key}; true on a hit (the key was resident). */
    boolean access(long key) {
      Entry e = entries.get(key);
      if (e == null) {
        admitNew(key);
        return false;
      }
      KeyQueue list = e.queue;
      if (list == t1 || list == t2) {
        list.unlink(e);
        t2.addNewest(e);
        return true;
      }
      if (list == b1) {
        p = Math.min(c, p + Math.max(b2.size / b1.size, 1));
        replace(false);
      } else {
        p = Math.max(0, p - Math.max(b1.size / b2.size, 1));
        replace(true);
      }
      list.unlink(e);
      t2.addNewest(e);
      return false;
    }

    private void admitNew(long key) {
      int l1 = t1.size + b1.size;
      int all = l1 + t2.size + b2.size;
      if (l1 == c) {
        if (t1.size < c) {
          entries.remove(b1.removeOldest().key);
          replace(false);
        } else {
          entries.remove(t1.removeOldest().key);
        }
      } else if (all >= c) {
        if (all >= 2 * c) {
          entries.remove(b2.removeOldest().key);
        }
        replace(false);
      }
      Entry e = new Entry(key);
      entries.put(key, e);
      t1.addNewest(e);
    }

    /** Frees one resident place, keeping the evicted key as a ghost. */
    private void replace(boolean hitInB2) {
      boolean fromT1 = t1.size >= 1 && (t1.size > p || (hitInB2 && t1.size == p));
      if (fromT1 || t2.size == 0) {
        b1.addNewest(t1.removeOldest());
      } else {
        b2.addNewest(t2.removeOldest());
      }
    }
  }
}
