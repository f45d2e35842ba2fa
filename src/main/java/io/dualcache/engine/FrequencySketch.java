package io.dualcache.engine;

import java.util.Arrays;

/**
 * A count-min sketch of 4-bit counters that estimates how often a key hash was seen recently (the
 * TinyLFU idea: Einziger, Friedman, Manes, "TinyLFU: A Highly Efficient Cache Admission Policy").
 * Every {@code sampleSize} increments all counters are halved, so old popularity fades.
 *
 * <p>The sample is ten times the capacity, and at least {@link #MIN_SAMPLE}: a small cache sees a
 * key that comes back every thousand requests only once or twice per sample otherwise, and counts
 * that low cannot tell such a key from a one-off (a loop of 1,000 keys through a cache of 256
 * churned on that noise).
 *
 * <p>Layout: {@code table} is an array of longs, each holding sixteen 4-bit counters, grouped in
 * blocks of eight longs (64 bytes). A hash picks one block, and in it one counter per row: row
 * {@code r} takes one of the longs {@code 2r} and {@code 2r + 1} and one nibble of it. The estimate
 * is the minimum of the four counters. The four counters of a key sit in one block because the
 * daemon updates the sketch on every drained hit and reads it on every admission: in a cache of a
 * million entries four counters spread over the whole table were four cache misses, and the
 * increment alone cost more than finding the node (183-225 ns against 105-125, measured at 2^20
 * entries; 140 ns in one block). Within a block the rows still use distinct longs, so a key never
 * counts twice in one word, and two keys that share a block share a counter in a row with
 * probability 1/32. Owned by the maintenance thread: no synchronization.
 *
 * <pre>
 * table   | block 0 | block 1 | ... | block (length / 8 - 1) |
 *         the key's block: (mix(hash) >>> 32) & (blocks - 1)
 * block   | long 0  long 1 | long 2  long 3 | long 4  long 5 | long 6  long 7 |
 *         |     row 0      |     row 1      |     row 2      |     row 3      |
 * row r   long 2r + bit r of mix(hash); nibble = bits 8 + 4r .. 11 + 4r of mix(hash)
 * </pre>
 */
final class FrequencySketch {

  /** Longs per block: 64 bytes, one cache line (or two, where the array is not aligned to one). */
  private static final int BLOCK_WORDS = 8;

  private static final long HALF_MASK = 0x7777_7777_7777_7777L;
  private static final int MAX_COUNT = 15;

  /** The fewest increments between two halvings. */
  static final int MIN_SAMPLE = 4096;

  /**
   * The capacity a sketch starts with at most; it grows towards the capacity it was made for as the
   * policy reports more entries ({@link #ensureCapacity}). A cache bounded by weight would
   * otherwise get a sketch sized by its weight bound (bytes, say): up to 128 MB, and a sample so
   * long that nothing ever fades.
   */
  static final long INITIAL_CAPACITY = 1 << 16;

  private final long maximumCapacity;
  private long capacity;
  private long[] table;

  /** Blocks in the table, minus one. */
  private int blockMask;

  private int sampleSize;
  private int additions;

  /** A sketch for up to about {@code capacity} distinct hot keys. */
  FrequencySketch(long capacity) {
    this.maximumCapacity = Math.max(1, capacity);
    allocate(Math.min(maximumCapacity, INITIAL_CAPACITY));
  }

  /**
   * Makes room for {@code entries} distinct hot keys, up to the capacity the sketch was made for.
   * Growing forgets the counts, like a reset: it happens while the cache fills, when nothing is
   * evicted yet, and a doubling at a time.
   */
  void ensureCapacity(long entries) {
    if (entries > capacity && capacity < maximumCapacity) {
      allocate(Math.min(maximumCapacity, Math.max(entries, 2 * capacity)));
    }
  }

  /** The counters' footprint in longs (for tests). */
  int tableLength() {
    return table.length;
  }

  /** Word {@code index} of the table (for tests). */
  long word(int index) {
    return table[index];
  }

  private void allocate(long newCapacity) {
    int length = (int) Math.min(1 << 26, Math.max(16, Long.highestOneBit(newCapacity - 1) << 1));
    capacity = newCapacity;
    table = new long[length];
    blockMask = length / BLOCK_WORDS - 1;
    sampleSize = (int) Math.min(Integer.MAX_VALUE / 2, Math.max(MIN_SAMPLE, 10L * newCapacity));
    additions = 0;
  }

  /** The estimated recent frequency of {@code hash}, 0 to 15. */
  int frequency(int hash) {
    long h = mix(hash);
    return minimum(blockOf(h), h);
  }

  /** Counts one occurrence of {@code hash}. */
  void increment(int hash) {
    long h = mix(hash);
    int base = blockOf(h);
    int min = minimum(base, h);
    if (min == MAX_COUNT) {
      return;
    }
    // Conservative update: raise only the counters that hold the minimum.
    for (int row = 0; row < 4; row++) {
      int word = wordOf(base, h, row);
      int shift = shiftOf(h, row);
      if (((table[word] >>> shift) & 0xF) == min) {
        table[word] += 1L << shift;
      }
    }
    if (++additions >= sampleSize) {
      halve();
    }
  }

  /**
   * Counts {@code accesses} the sketch was not shown toward the next halving, without counting any
   * key: the hits the recorder sampled out. The halving period is a number of increments, and a
   * recorder that keeps 1 hit in 4 would otherwise stretch it, in requests, about fourfold: an old
   * hot set then kept its counts that much longer and held off the new one (see {@code
   * HitRecorderPolicyTest}). With them counted, counts fade at the same pace in requests however
   * many hits reach the sketch.
   */
  void ageBy(long accesses) {
    long pending = additions + accesses;
    while (pending >= sampleSize) {
      additions = sampleSize;
      halve(); // halves additions too, as after a counted increment
      pending -= sampleSize - additions;
    }
    additions = (int) pending;
  }

  /** Forgets everything (after a clear). */
  void reset() {
    Arrays.fill(table, 0L);
    additions = 0;
  }

  private void halve() {
    for (int i = 0; i < table.length; i++) {
      table[i] = (table[i] >>> 1) & HALF_MASK;
    }
    additions /= 2;
  }

  /**
   * Spreads the key's hash over 64 bits: the block comes from the high half, the rest from the low.
   */
  private static long mix(int hash) {
    long h = (hash & 0xFFFF_FFFFL) * 0x9E37_79B9_7F4A_7C15L;
    h ^= h >>> 29;
    h *= 0xBF58_476D_1CE4_E5B9L;
    return h ^ (h >>> 32);
  }

  /**
   * The smallest of the four counters of mixed hash {@code h}, whose block starts at {@code base}.
   */
  private int minimum(int base, long h) {
    int min = MAX_COUNT;
    for (int row = 0; row < 4; row++) {
      min = Math.min(min, (int) (table[wordOf(base, h, row)] >>> shiftOf(h, row)) & 0xF);
    }
    return min;
  }

  /** The first word of the key's block of {@value #BLOCK_WORDS} longs. */
  private int blockOf(long h) {
    return ((int) (h >>> 32) & blockMask) * BLOCK_WORDS;
  }

  /** Row {@code row} uses one of the two words {@code 2 * row} and {@code 2 * row + 1}. */
  private static int wordOf(int base, long h, int row) {
    return base + (row << 1) + ((int) (h >>> row) & 1);
  }

  /** The bit offset of row {@code row}'s nibble in its word. */
  private static int shiftOf(long h, int row) {
    return ((int) (h >>> (8 + (row << 2))) & 15) << 2;
  }
}
