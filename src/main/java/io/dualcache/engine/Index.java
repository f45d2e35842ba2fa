package io.dualcache.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The main index: a fixed number of {@link Segment}s of open-addressed slot arrays. Each segment
 * grows on its own under its own lock, so a rehash never stops writers of other segments and never
 * needs two locks at once.
 *
 * <p>Where a key lives is decided first by its <em>home</em> hash, {@code h ^ (h >>> 16)} of its
 * {@code hashCode()} (the spread {@link ConcurrentHashMap} uses): the low bits pick the segment,
 * the next ones the key's home slot. Keys with dense hash codes (sequential ids, the most common
 * cache keys) then land in distinct, adjacent slots: no collisions, and the slots in use share
 * cache lines. A key whose home slot is taken tries the slot after it (most often in the same cache
 * line), then its overflow run, which starts and strides by a well-mixed hash instead (double
 * hashing, {@link #overflowHash}), so that keys whose codes share their low bits (multiples of a
 * power of two, or many keys per code) spread over the array rather than pile up, and a run never
 * walks across a block of dense home slots.
 *
 * <pre>
 * probe sequence of a key ({@link #probe}): home, home + 1, then o, o + step, o + 2 step, ...
 *   (mod length) where o = overflowHash & mask and step = overflowStep(overflowHash)
 * tables: Node[segments][]   tables[s] = segment s's slot array
 *                            replaced by s's lock holder (release); read with acquire
 * </pre>
 *
 * A key takes the first free slot (null or tombstone) of its sequence, and a slot never becomes
 * null again within one array, so a lookup stops at the first null slot of the sequence.
 *
 * <p>The slot arrays live in one array of arrays rather than in the segment objects so that a read
 * is one hop shorter: on this machine a hit is memory-bound and every dependent load shows.
 */
final class Index<K, V> {

  static final VarHandle TABLES = MethodHandles.arrayElementVarHandle(Node[][].class);
  static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Node[].class);

  /** Multiplies by the inverse of {@link #spread}'s constant: {@code MIX * UNMIX == 1}. */
  private static final int MIX = 0x9E3779B9;

  private static final int UNMIX = 0x144CBC89;

  /**
   * Probes next to the home slot before the overflow run: a key that collides on a random hash most
   * often finds room in the same cache line.
   */
  static final int HOME_RUN = 2;

  final Node<K, V>[][] tables;

  /** log2 of the number of segments. */
  final int segmentBits;

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
      segments[s] = new Segment<>(tables, s, segmentBits(segmentCount), perSegment);
    }
    this.segmentBits = segmentBits(segmentCount);
  }

  private static int segmentBits(int segmentCount) {
    return Integer.numberOfTrailingZeros(segmentCount);
  }

  /**
   * Mixes a key's hash code so that every bit of the result depends on all of its bits. This is the
   * hash nodes carry: the policy, the hit records and the hot tiers use it; the index places nodes
   * by {@link #home} and overflows by it.
   */
  static int spread(int hashCode) {
    int h = hashCode * MIX;
    return h ^ (h >>> 16);
  }

  /** The home hash of a key with hash code {@code hashCode}. */
  static int homeOf(int hashCode) {
    return hashCode ^ (hashCode >>> 16);
  }

  /** The home hash of the key whose {@link #spread} hash is {@code hash} (spread is invertible). */
  static int home(int hash) {
    return homeOf((hash ^ (hash >>> 16)) * UNMIX);
  }

  /** The home slot in an array of {@code mask + 1} slots of a segment. */
  static int homeSlot(int home, int segmentBits, int mask) {
    return (home >>> segmentBits) & mask;
  }

  /**
   * The node for {@code key} (live or just killed), or null. Wait-free: no lock, no CAS, at most
   * one pass over one slot array. Static, over the caller's copy of the fields, to save a hop.
   */
  @SuppressWarnings("unchecked")
  static <K, V> Node<K, V> find(
      Node<K, V>[][] tables, int segmentBits, Object key, int hash, int home) {
    Node<K, V>[] tab = (Node<K, V>[]) TABLES.getAcquire(tables, home & ((1 << segmentBits) - 1));
    int mask = tab.length - 1;
    int i = homeSlot(home, segmentBits, mask);
    for (int k = 0; k < HOME_RUN; k++) { // most often within one cache line
      Node<K, V> n = (Node<K, V>) SLOT.getAcquire(tab, (i + k) & mask);
      if (n == null) {
        return null;
      }
      if (matches(n, key, hash)) {
        return n;
      }
    }
    int overflow = overflowHash(hash);
    int step = overflowStep(overflow);
    i = overflow & mask;
    for (int probes = 0; probes <= mask; probes++) {
      Node<K, V> n = (Node<K, V>) SLOT.getAcquire(tab, i);
      if (n == null) {
        return null;
      }
      if (matches(n, key, hash)) {
        return n;
      }
      i = (i + step) & mask;
    }
    return null;
  }

  /**
   * Slot number {@code k} (0, 1, ...) of the probe sequence of a key whose home slot is {@code
   * homeSlot}: the home slot, its neighbour, then the overflow run. {@link #find} walks the same
   * sequence, unrolled. Every slot appears among the first {@code mask + 1 + HOME_RUN} probes.
   */
  static int probe(int k, int homeSlot, int overflowHash, int mask) {
    if (k < HOME_RUN) {
      return (homeSlot + k) & mask;
    }
    return ((overflowHash & mask) + (k - HOME_RUN) * overflowStep(overflowHash)) & mask;
  }

  /**
   * Where a key's overflow run starts ({@code & mask}) and how it strides ({@link #overflowStep}):
   * murmur3's finalizer of the spread hash (offset, so that hash code 0, common and often dense
   * with its neighbours, does not start at slot 0 with step 1), whose two halves are independent
   * even for hash codes that differ only in a few high bits.
   */
  static int overflowHash(int hash) {
    int h = hash + MIX;
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    return h ^ (h >>> 16);
  }

  /**
   * The distance between the slots of an overflow run: odd, so the run visits every slot of a
   * power-of-two array before it repeats one, and at least 17, past a cache line of slots, so that
   * a run that starts inside a block of occupied home slots (dense hash codes) leaves it at once
   * rather than walking it to its end.
   */
  static int overflowStep(int overflowHash) {
    return (overflowHash >>> 16) | 17;
  }

  private static boolean matches(Node<?, ?> n, Object key, int hash) {
    Object k = n.key;
    return k == key || (n.hash == hash && k != null && key.equals(k));
  }

  Node<K, V> find(Object key, int hash) {
    return find(tables, segmentBits, key, hash, home(hash));
  }

  Segment<K, V> segmentFor(int hash) {
    return segments[home(hash) & (segments.length - 1)];
  }

  Segment<K, V>[] segments() {
    return segments;
  }

  /** Whether this thread holds the lock of any segment (it is inside a write). */
  boolean holdsASegmentLock() {
    for (Segment<K, V> s : segments) {
      if (s.isHeldByCurrentThread()) {
        return true;
      }
    }
    return false;
  }

  /** Live entries, summed over the segments (exact when no write is in flight). */
  long size() {
    long sum = 0;
    for (Segment<K, V> s : segments) {
      sum += s.sizeOpaque();
    }
    return sum;
  }
}
