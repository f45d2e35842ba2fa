package io.dualcache.bench.keys;

import java.util.SplittableRandom;

/**
 * Maps Zipf ranks to keys so that popular keys are not neighbours: rank r becomes key
 * {@code permutation[r]}, a seeded shuffle of 0..n-1. Keys stay in 0..n-1, so a cache pre-filled
 * with 0..n-1 hits on every one of them.
 */
public final class Scramble {

  private Scramble() {}

  /** A seeded random permutation of 0..n-1 (Fisher-Yates). */
  public static int[] permutation(int n, long seed) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /**
   * {@code length} keys in 0..n-1 drawn from a Zipf distribution of exponent {@code s} over n
   * ranks, each rank replaced by its scrambled key.
   */
  public static int[] zipfKeys(int n, double s, int length, long seed) {
    ZipfSampler zipf = new ZipfSampler(n, s, seed);
    int[] permutation = permutation(n, seed ^ 0x5DEECE66DL);
    int[] keys = new int[length];
    for (int i = 0; i < length; i++) {
      keys[i] = permutation[zipf.nextRank()];
    }
    return keys;
  }
}
