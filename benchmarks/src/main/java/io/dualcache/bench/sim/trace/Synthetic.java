package io.dualcache.bench.sim.trace;

import io.dualcache.bench.keys.ZipfSampler;
import java.util.SplittableRandom;

/**
 * Seeded synthetic traces, each built to stress one side of a policy. Keys are scrambled with a
 * 64-bit mix so that popular keys are not numerically close (hashing sees arbitrary keys).
 */
public final class Synthetic {

  private Synthetic() {}

  /** {@code length} requests drawn from Zipf(s) over {@code keys} keys. */
  public static long[] zipf(int keys, double s, int length, long seed) {
    ZipfSampler zipf = new ZipfSampler(keys, s, seed);
    long[] trace = new long[length];
    for (int i = 0; i < length; i++) {
      trace[i] = mix(zipf.nextRank(), seed);
    }
    return trace;
  }

  /** The keys 0..{@code keys}-1 in order, {@code rounds} times: LRU's worst case. */
  public static long[] loop(int keys, int rounds, long seed) {
    long[] trace = new long[keys * rounds];
    for (int i = 0; i < trace.length; i++) {
      trace[i] = mix(i % keys, seed);
    }
    return trace;
  }

  /**
   * A hot set of {@code hotKeys} keys takes {@code hotShare} of the requests (uniformly within it),
   * the rest fall uniformly over {@code coldKeys} cold keys; every {@code phase} requests the hot
   * set moves to fresh keys. Rewards recency and quick forgetting.
   */
  public static long[] shiftingHotSet(
      int hotKeys, double hotShare, int coldKeys, int phase, int length, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long[] trace = new long[length];
    for (int i = 0; i < length; i++) {
      long hotBase = 1L << 40 | (long) (i / phase) * hotKeys; // a disjoint key range per phase
      trace[i] =
          random.nextDouble() < hotShare
              ? mix(hotBase + random.nextInt(hotKeys), seed)
              : mix(random.nextInt(coldKeys), seed);
    }
    return trace;
  }

  /**
   * Zipf(s) over {@code keys} keys, interrupted every {@code period} requests by a scan of
   * {@code scanLength} keys never seen before or after. Rewards a policy that keeps scans out.
   */
  public static long[] zipfWithScans(
      int keys, double s, int period, int scanLength, int scans, long seed) {
    ZipfSampler zipf = new ZipfSampler(keys, s, seed);
    long[] trace = new long[scans * (period + scanLength)];
    long fresh = 1L << 41; // scan keys: outside the Zipf key range
    int i = 0;
    for (int round = 0; round < scans; round++) {
      for (int j = 0; j < period; j++) {
        trace[i++] = mix(zipf.nextRank(), seed);
      }
      for (int j = 0; j < scanLength; j++) {
        trace[i++] = mix(fresh++, seed);
      }
    }
    return trace;
  }

  /** A bijective 64-bit mix (SplitMix64's finaliser), keyed by the seed. */
  static long mix(long x, long seed) {
    long z = x + seed * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
