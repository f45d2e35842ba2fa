package io.dualcache.bench.keys;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^s, by inverting a precomputed
 * cumulative distribution (binary search). Exact for any s, including s = 1, at the price of one
 * double per rank: 8 MB for a million ranks, which the benchmarks and the simulator can afford.
 * Seeded, so every run sees the same sequence.
 */
public final class ZipfSampler {

  private final double[] cumulative;
  private final SplittableRandom random;

  public ZipfSampler(int n, double s, long seed) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, n=" + n);
    }
    if (s < 0) {
      throw new IllegalArgumentException("s must be >= 0, s=" + s);
    }
    cumulative = new double[n];
    double sum = 0;
    for (int rank = 0; rank < n; rank++) {
      sum += 1.0 / Math.pow(rank + 1, s);
      cumulative[rank] = sum;
    }
    for (int rank = 0; rank < n; rank++) {
      cumulative[rank] /= sum;
    }
    random = new SplittableRandom(seed);
  }

  /** The next rank, 0 (the most popular) to n-1. */
  public int nextRank() {
    double u = random.nextDouble();
    int i = Arrays.binarySearch(cumulative, u);
    // Not found: (-(insertion point) - 1); the insertion point is the first cdf above u.
    int rank = i >= 0 ? i : -i - 1;
    return Math.min(rank, cumulative.length - 1);
  }
}
