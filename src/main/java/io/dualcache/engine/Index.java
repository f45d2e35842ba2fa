package io.dualcache.engine;

/**
 * The main index: a fixed array of {@link Segment}s, picked by the top bits of a key's spread hash
 * (the low bits pick the slot inside the segment and the hot-tier slot). Each segment grows on its
 * own under its own lock, so a rehash never stops writers of other segments and never needs two
 * locks at once.
 */
final class Index<K, V> {

  private final Segment<K, V>[] segments;
  private final int shift;

  /** {@code segmentCount} is a power of two, at least 2. */
  @SuppressWarnings("unchecked")
  Index(int segmentCount, long expectedEntries) {
    if (segmentCount < 2 || Integer.bitCount(segmentCount) != 1) {
      throw new IllegalArgumentException(
          "segments must be a power of two >= 2, segments=" + segmentCount);
    }
    this.segments = (Segment<K, V>[]) new Segment<?, ?>[segmentCount];
    int perSegment = (int) Math.min(1 << 24, expectedEntries / segmentCount + 1);
    for (int s = 0; s < segmentCount; s++) {
      segments[s] = new Segment<>(perSegment);
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

  Segment<K, V> segmentFor(int hash) {
    return segments[hash >>> shift];
  }

  /** The node for {@code key} (live or just killed), or null. Wait-free. */
  Node<K, V> find(Object key, int hash) {
    return segmentFor(hash).find(key, hash);
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
