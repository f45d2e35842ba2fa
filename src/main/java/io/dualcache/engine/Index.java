package io.dualcache.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The main index: a fixed number of {@link Segment}s, picked by the top bits of a key's spread hash
 * (the low bits pick the slot inside the segment and the hot-tier slot). Each segment grows on its
 * own under its own lock, so a rehash never stops writers of other segments and never needs two
 * locks at once.
 *
 * <pre>
 * tables: Node[segments][]   tables[s] = segment s's open-addressed slot array
 *                            replaced by s's lock holder (release); read with acquire
 * </pre>
 *
 * The slot arrays live in one array of arrays rather than in the segment objects so that a read is
 * one hop shorter: on this machine a hit is memory-bound and every dependent load shows.
 */
final class Index<K, V> {

  static final VarHandle TABLES = MethodHandles.arrayElementVarHandle(Node[][].class);
  static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Node[].class);

  final Node<K, V>[][] tables;
  final int shift;
  private final Segment<K, V>[] segments;

  /** {@code segmentCount} is a power of two, at least 2. */
  @SuppressWarnings("unchecked")
  Index(int segmentCount, long expectedEntries) {
    if (segmentCount < 2 || Integer.bitCount(segmentCount) != 1) {
      throw new IllegalArgumentException(
          "segments must be a power of two >= 2, segments=" + segmentCount);
    }
    this.tables = (Node<K, V>[][]) new Node<?, ?>[segmentCount][];
    this.segments = (Segment<K, V>[]) new Segment<?, ?>[segmentCount];
    int perSegment = (int) Math.min(1 << 24, expectedEntries / segmentCount + 1);
    for (int s = 0; s < segmentCount; s++) {
      segments[s] = new Segment<>(tables, s, perSegment);
    }
    this.shift = 32 - Integer.numberOfTrailingZeros(segmentCount);
  }

  /**
   * Mixes a key's hash code so that both the low bits (slot, hot tier) and the high bits (segment)
   * depend on all of its bits.
   */
  static int spread(int hashCode) {
    int h = hashCode * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  /**
   * The node for {@code key} (live or just killed), or null. Wait-free: no lock, no CAS, at most
   * one pass over one slot array. Static, over the caller's copy of the fields, to save a hop.
   */
  @SuppressWarnings("unchecked")
  static <K, V> Node<K, V> find(Node<K, V>[][] tables, int shift, Object key, int hash) {
    Node<K, V>[] tab = (Node<K, V>[]) TABLES.getAcquire(tables, hash >>> shift);
    int mask = tab.length - 1;
    int i = hash & mask;
    for (int probes = 0; probes <= mask; probes++) {
      Node<K, V> n = (Node<K, V>) SLOT.getAcquire(tab, i);
      if (n == null) {
        return null;
      }
      Object k = n.key;
      if (k == key || (n.hash == hash && k != null && key.equals(k))) {
        return n;
      }
      i = (i + 1) & mask;
    }
    return null;
  }

  Node<K, V> find(Object key, int hash) {
    return find(tables, shift, key, hash);
  }

  Segment<K, V> segmentFor(int hash) {
    return segments[hash >>> shift];
  }

  Segment<K, V>[] segments() {
    return segments;
  }

  /** Live entries, summed over the segments (exact when no write is in flight). */
  long size() {
    long sum = 0;
    for (Segment<K, V> s : segments) {
      sum += s.size();
    }
    return sum;
  }
}
