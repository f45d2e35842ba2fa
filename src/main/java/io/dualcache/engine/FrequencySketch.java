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

  private final long[] table;
  private final int mask;
  private final int sampleSize;
  private int additions;

  /** A sketch for about {@code capacity} distinct hot keys. */
  FrequencySketch(long capacity) {
    int length =
        (int) Math.min(1 << 26, Math.max(16, Long.highestOneBit(Math.max(1, capacity) - 1) << 1));
    this.table = new long[length];
    this.mask = length - 1;
    this.sampleSize = (int) Math.min(Integer.MAX_VALUE / 2, Math.max(MIN_SAMPLE, 10L * capacity));
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
