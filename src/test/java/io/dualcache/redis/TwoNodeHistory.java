package io.dualcache.redis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The history of a two-node workload ({@link TwoNodeCheckerTest}) and its checker. Every operation
 * records its key, its node, its {@code [start, end]} interval ({@link System#nanoTime}), what it
 * wrote (values are unique; null is a removal) and whether that applied, and what it read.
 *
 * <p>The check: a read of a key that returned {@code v} (or null) must have returned a value that
 * was current at some moment of its interval, as far as the history can tell without knowing the
 * order in Redis of overlapping operations:
 *
 * <ul>
 *   <li>{@code v} was written by a write (null: by a removal, or the key's initial absence) that
 *       started before the read ended, and whose outcome is not "did not apply";
 *   <li>no write that overwrote {@code v} was <i>visible</i> before the read started. An overwrite
 *       is a write of the key that applied (a conditional write that did not apply changes nothing)
 *       and that started after {@code v}'s write ended, so that it certainly came after it in Redis
 *       (writes overlapping {@code v}'s are never counted). For a null read, only writes of a value
 *       count (a second removal does not make null stale), and the null writer chosen is the one
 *       that ended last among those that started before the read ended (the most lenient).
 * </ul>
 *
 * <p>When a write is visible to a read: a write of the reader's own node, or any write when the
 * value read came from Redis itself (a conditional write's answer), is visible once it returned
 * ({@code w.end < r.start}): within one JVM a read after a write sees it. A write of the other node
 * is visible to a near-cache read only once its invalidation arrived, which the history learns from
 * {@link Fence}s: a fence of node N {@code (t0, t1)} records that a write the other node started
 * after {@code t0} had its invalidation applied on N by {@code t1} (N's near copy of the fence key
 * was gone); invalidations arrive on N's connection in the order Redis executed the writes, so
 * every write of the other node that returned before {@code t0} was invalidated on N by {@code t1}
 * too, and is visible to N's reads that start after {@code t1}. So the cross-node rule checks "no
 * stale read once the invalidation was applied on the reading node", without timing assumptions. It
 * is deliberately not "once the push arrived": the sharing's worker thread applies a push some time
 * after it arrived, and a fence that only waits for a reply on N's connection (which comes after
 * the push) sees near hits of the old value in that gap.
 */
final class TwoNodeHistory {
  /** Whether a write applied. */
  enum Applied {
    YES,
    NO,
    UNKNOWN
  }

  /** One operation on one key; fill it in, then {@link #add} it. */
  static final class Op {
    final int node;
    final String who;
    final String kind;
    final String key;
    long start;
    long end;

    boolean writes;
    String written; // null: a removal
    Applied applied = Applied.UNKNOWN;

    boolean reads;
    String read; // null: absent
    boolean fromRedis;

    Op(int node, String who, String kind, String key) {
      this.node = node;
      this.who = who;
      this.kind = kind;
      this.key = key;
    }

    Op wrote(String value, Applied outcome) {
      writes = true;
      written = value;
      applied = outcome;
      return this;
    }

    Op read(String value, boolean fromRedis) {
      reads = true;
      read = value;
      this.fromRedis = fromRedis;
      return this;
    }

    Op at(long start, long end) {
      this.start = start;
      this.end = end;
      return this;
    }

    @Override
    public String toString() {
      StringBuilder b =
          new StringBuilder()
              .append(kind)
              .append('(')
              .append(key)
              .append(") by ")
              .append(who)
              .append(" on node ")
              .append(node)
              .append(" [")
              .append(start)
              .append(", ")
              .append(end)
              .append(']');
      if (writes) {
        b.append(" wrote ").append(written).append(" applied=").append(applied);
      }
      if (reads) {
        b.append(" read ").append(read).append(fromRedis ? " (from Redis)" : "");
      }
      return b.toString();
    }
  }

  /**
   * Node {@code node}'s near copy of a fence key went away by {@code t1} after the other node
   * started writing it after {@code t0}.
   */
  static final class Fence {
    final int node;
    final long t0;
    final long t1;

    Fence(int node, long t0, long t1) {
      this.node = node;
      this.t0 = t0;
      this.t1 = t1;
    }
  }

  private final Queue<Op> ops = new ConcurrentLinkedQueue<>();
  private final Queue<Fence> fences = new ConcurrentLinkedQueue<>();

  void add(Op op) {
    if (op.end < op.start) {
      throw new IllegalArgumentException("ends before it starts: " + op);
    }
    ops.add(op);
  }

  void fence(int node, long t0, long t1) {
    fences.add(new Fence(node, t0, t1));
  }

  List<Op> ops() {
    return new ArrayList<>(ops);
  }

  int fenceCount() {
    return fences.size();
  }

  long reads() {
    return ops.stream().filter(o -> o.reads).count();
  }

  long appliedWrites() {
    return ops.stream().filter(o -> o.writes && o.applied == Applied.YES).count();
  }

  /** A copy with {@code extra} operations added (e.g. a deliberately stale reader's reads). */
  TwoNodeHistory with(Iterable<Op> extra) {
    TwoNodeHistory h = new TwoNodeHistory();
    h.ops.addAll(ops);
    h.fences.addAll(fences);
    extra.forEach(h::add);
    return h;
  }

  /** The violations found, each a sentence naming the read and why; empty if none. */
  List<String> check() {
    FenceBounds bounds = new FenceBounds(new ArrayList<>(fences));
    Map<String, List<Op>> byKey = new HashMap<>();
    for (Op op : ops) {
      byKey.computeIfAbsent(op.key, k -> new ArrayList<>()).add(op);
    }
    List<String> violations = new ArrayList<>();
    for (List<Op> keyOps : byKey.values()) {
      new KeyCheck(keyOps, bounds).check(violations);
    }
    return violations;
  }

  /** For each node: the latest t0 of a fence of that node that completed before a time. */
  private static final class FenceBounds {
    private final long[][] t1s = new long[2][];
    private final long[][] maxT0 = new long[2][];

    FenceBounds(List<Fence> all) {
      for (int node = 0; node < 2; node++) {
        int n = node;
        Fence[] f = all.stream().filter(x -> x.node == n).toArray(Fence[]::new);
        Arrays.sort(f, Comparator.comparingLong(x -> x.t1));
        t1s[node] = new long[f.length];
        maxT0[node] = new long[f.length];
        long max = Long.MIN_VALUE;
        for (int i = 0; i < f.length; i++) {
          t1s[node][i] = f[i].t1;
          max = Math.max(max, f[i].t0);
          maxT0[node][i] = max;
        }
      }
    }

    /** Writes of the other node that ended before this are visible on {@code node} at {@code t}. */
    long bound(int node, long t) {
      int i = countBelow(t1s[node], t);
      return i == 0 ? Long.MIN_VALUE : maxT0[node][i - 1];
    }
  }

  /** How many of the sorted {@code a} are strictly below {@code t}. */
  private static int countBelow(long[] a, long t) {
    int lo = 0;
    int hi = a.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The applied writes of one node (of one key), for: does one start after X and end before B? */
  private static final class Overwrites {
    private final long[] starts;
    private final long[] suffixMinEnd;
    private final Op[] suffixMinOp;

    Overwrites(List<Op> writes) {
      Op[] w = writes.toArray(new Op[0]);
      Arrays.sort(w, Comparator.comparingLong(o -> o.start));
      starts = new long[w.length];
      suffixMinEnd = new long[w.length + 1];
      suffixMinOp = new Op[w.length + 1];
      suffixMinEnd[w.length] = Long.MAX_VALUE;
      for (int i = w.length - 1; i >= 0; i--) {
        starts[i] = w[i].start;
        boolean smaller = w[i].end < suffixMinEnd[i + 1];
        suffixMinEnd[i] = smaller ? w[i].end : suffixMinEnd[i + 1];
        suffixMinOp[i] = smaller ? w[i] : suffixMinOp[i + 1];
      }
    }

    /** A write that started after {@code after} and ended before {@code before}, or null. */
    Op between(long after, long before) {
      int i = countBelow(starts, after);
      while (i < starts.length && starts[i] == after) {
        i++; // strictly after
      }
      return suffixMinEnd[i] < before ? suffixMinOp[i] : null;
    }
  }

  private static final class KeyCheck {
    private final List<Op> ops;
    private final FenceBounds bounds;
    private final Map<String, Op> writerOf = new HashMap<>();
    private final long[] nullStarts;
    private final long[] nullPrefixMaxEnd;
    private final Op[] nullPrefixMaxOp;
    private final Overwrites[] anyWrite = new Overwrites[2];
    private final Overwrites[] valueWrite = new Overwrites[2];
    private final List<String> duplicates = new ArrayList<>();

    KeyCheck(List<Op> ops, FenceBounds bounds) {
      this.ops = ops;
      this.bounds = bounds;
      List<Op> nullWriters = new ArrayList<>();
      Op initial = new Op(-1, "initial state", "absent", ops.get(0).key);
      initial.start = Long.MIN_VALUE;
      initial.end = Long.MIN_VALUE;
      nullWriters.add(initial);
      for (Op op : ops) {
        if (!op.writes || op.applied == Applied.NO) {
          continue;
        }
        if (op.written == null) {
          nullWriters.add(op);
        } else {
          Op earlier = writerOf.put(op.written, op);
          if (earlier != null) {
            duplicates.add("value " + op.written + " written twice: " + earlier + " and " + op);
          }
        }
      }
      nullWriters.sort(Comparator.comparingLong(o -> o.start));
      nullStarts = new long[nullWriters.size()];
      nullPrefixMaxEnd = new long[nullWriters.size()];
      nullPrefixMaxOp = new Op[nullWriters.size()];
      for (int i = 0; i < nullWriters.size(); i++) {
        Op w = nullWriters.get(i);
        nullStarts[i] = w.start;
        boolean later = i == 0 || w.end > nullPrefixMaxEnd[i - 1];
        nullPrefixMaxEnd[i] = later ? w.end : nullPrefixMaxEnd[i - 1];
        nullPrefixMaxOp[i] = later ? w : nullPrefixMaxOp[i - 1];
      }
      for (int node = 0; node < 2; node++) {
        List<Op> any = new ArrayList<>();
        List<Op> values = new ArrayList<>();
        for (Op op : ops) {
          if (op.node == node && op.writes && op.applied == Applied.YES) {
            any.add(op);
            if (op.written != null) {
              values.add(op);
            }
          }
        }
        anyWrite[node] = new Overwrites(any);
        valueWrite[node] = new Overwrites(values);
      }
    }

    void check(List<String> violations) {
      violations.addAll(duplicates);
      for (Op r : ops) {
        if (!r.reads) {
          continue;
        }
        Op source;
        Overwrites[] overwrites;
        if (r.read == null) {
          int i = countBelow(nullStarts, r.end);
          source = nullPrefixMaxOp[i - 1]; // i >= 1: the initial state started at MIN_VALUE
          overwrites = valueWrite;
        } else {
          source = writerOf.get(r.read);
          if (source == null) {
            violations.add("read a value no applied write wrote: " + r + describeNo(r.read));
            continue;
          }
          if (source.start >= r.end) {
            violations.add("read a value before its write started: " + r + " <- " + source);
            continue;
          }
          overwrites = anyWrite;
        }
        for (int node = 0; node < 2; node++) {
          long visibleBefore =
              node == r.node || r.fromRedis ? r.start : bounds.bound(r.node, r.start);
          Op over = overwrites[node].between(source.end, visibleBefore);
          if (over != null) {
            violations.add(
                "stale read: "
                    + r
                    + " returned the value of "
                    + source
                    + ", but "
                    + over
                    + " had overwritten it"
                    + (node == r.node || r.fromRedis
                        ? " before the read started"
                        : " and its invalidation was applied (fence) before the read started"));
            break;
          }
        }
      }
    }

    private String describeNo(String value) {
      for (Op op : ops) {
        if (op.writes && value.equals(op.written)) {
          return " (its write: " + op + ")";
        }
      }
      return "";
    }
  }
}
