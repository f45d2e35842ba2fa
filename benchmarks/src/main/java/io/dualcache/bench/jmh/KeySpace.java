package io.dualcache.bench.jmh;

import io.dualcache.bench.keys.Scramble;

/**
 * The keys a benchmark thread walks: 2^20 draws from a scrambled Zipf (s = 0.99) over the
 * {@code size} keys the cache was filled with, as boxed Integers that are the very instances stored
 * in the cache (so identity-first key compares can hit, as they would for a caller that keeps its
 * keys). Precomputed, so the timed loop does no random numbers and no boxing.
 */
final class KeySpace {

  static final int DRAWS = 1 << 20;
  static final int MASK = DRAWS - 1;
  static final double ZIPF_S = 0.99;
  private static final long SEED = 0x2545F4914F6CDD1DL;

  /** The keys 0..size-1, each boxed once. */
  final Integer[] keys;

  /** The sequence of draws, as references into {@link #keys}. */
  final Integer[] draws;

  KeySpace(int size) {
    keys = new Integer[size];
    for (int i = 0; i < size; i++) {
      keys[i] = Integer.valueOf(i); // 0..127 come from Integer's cache: harmless, still one instance
    }
    int[] ranks = Scramble.zipfKeys(size, ZIPF_S, DRAWS, SEED);
    draws = new Integer[DRAWS];
    for (int i = 0; i < DRAWS; i++) {
      draws[i] = keys[ranks[i]];
    }
  }
}
