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
 * <p>Layout: {@code table} is an array of longs, each holding sixteen 4-bit counters. A hash picks
 * one long per row-function and one nibble in it; four functions give four counters and the
 * estimate is their minimum. Owned by the maintenance thread: no synchronization.
 */
final class FrequencySketch {

  private static final long[] SEEDS = {
    0x97cb3127L, 0xab8e9a8fL, 0x5a5c3f2bL, 0xc2b2ae35L,
  };
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
  private int mask;
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

  private void allocate(long newCapacity) {
    int length = (int) Math.min(1 << 26, Math.max(16, Long.highestOneBit(newCapacity - 1) << 1));
    capacity = newCapacity;
    table = new long[length];
    mask = length - 1;
    sampleSize = (int) Math.min(Integer.MAX_VALUE / 2, Math.max(MIN_SAMPLE, 10L * newCapacity));
    additions = 0;
  }

  /** The estimated recent frequency of {@code hash}, 0 to 15. */
  int frequency(int hash) {
    int min = MAX_COUNT;
    for (int i = 0; i < 4; i++) {
      long h = rehash(hash, i);
      int slot = (int) (h >>> 40) & mask;
      int shift = ((int) h & 15) << 2;
      min = Math.min(min, (int) ((table[slot] >>> shift) & 0xF));
    }
    return min;
  }

  /** Counts one occurrence of {@code hash}. */
  void increment(int hash) {
    boolean added = false;
    int min = MAX_COUNT;
    for (int i = 0; i < 4; i++) {
      long h = rehash(hash, i);
      int slot = (int) (h >>> 40) & mask;
      int shift = ((int) h & 15) << 2;
      int count = (int) ((table[slot] >>> shift) & 0xF);
      min = Math.min(min, count);
    }
    // Conservative update: raise only the counters that hold the minimum.
    for (int i = 0; i < 4; i++) {
      long h = rehash(hash, i);
      int slot = (int) (h >>> 40) & mask;
      int shift = ((int) h & 15) << 2;
      int count = (int) ((table[slot] >>> shift) & 0xF);
      if (count == min && count < MAX_COUNT) {
        table[slot] += 1L << shift;
        added = true;
      }
    }
    if (added && ++additions >= sampleSize) {
      halve();
    }
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

  private static long rehash(int hash, int row) {
    long h = (hash + SEEDS[row]) * 0x9E3779B97F4A7C15L;
    return h ^ (h >>> 29);
  }
}
