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

  /**
   * A loop over {@code loopKeys} keys in order, with noise: each request is, with probability
   * {@code noise}, a key drawn uniformly from {@code noiseKeys} other keys instead of the loop's next
   * key (the loop does not advance then). At a cache of 1/2 to 1 × {@code loopKeys} this is the
   * short-program-loop shape (LIRS's cs/ps/cpp): LRU and ARC get nearly nothing, a policy that
   * keeps a fixed part of the loop gets about size/loopKeys of the loop's requests, and the noise
   * keys are one-time keys that should not displace loop keys.
   */
  public static long[] noisyLoop(int loopKeys, double noise, int noiseKeys, int length, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long[] trace = new long[length];
    long noiseBase = 1L << 42; // noise keys: outside the loop's key range
    int next = 0;
    for (int i = 0; i < length; i++) {
      if (random.nextDouble() < noise) {
        trace[i] = mix(noiseBase + random.nextInt(noiseKeys), seed);
      } else {
        trace[i] = mix(next, seed);
        next = next + 1 == loopKeys ? 0 : next + 1;
      }
    }
    return trace;
  }

  /**
   * A recency-heavy stream whose popular set drifts: Zipf(s) over a window of {@code keys} keys,
   * where rank 0 is the newest key of the window, and every {@code driftEvery} requests the window
   * moves on by one fresh key. A key is born the most popular and cools as newer keys arrive, so
   * its past frequency overstates its future (a feed or recommendation service): the shape where
   * ARC and S3-FIFO lead a frequency sketch. Over the whole trace {@code length / driftEvery} keys
   * are born.
   */
  public static long[] driftingPopularity(int keys, double s, int driftEvery, int length, long seed) {
    ZipfSampler zipf = new ZipfSampler(keys, s, seed);
    long[] trace = new long[length];
    long base = 1L << 43; // outside the other shapes' key ranges
    for (int i = 0; i < length; i++) {
      long newest = keys - 1L + i / driftEvery;
      trace[i] = mix(base + newest - zipf.nextRank(), seed);
    }
    return trace;
  }

  /**
   * {@code phases} phases of {@code phaseLength} requests, alternating between {@code first} and
   * {@code second} (first, second, first, ...): each phase continues its own stream where its
   * previous phase stopped, so a loop returns with the same keys and a drift goes on drifting. The
   * two streams must use disjoint keys (those of {@link #noisyLoop} and {@link
   * #driftingPopularity} do) and be at least {@code ceil(phases / 2) * phaseLength} long.
   */
  public static long[] phases(long[] first, long[] second, int phaseLength, int phases) {
    long[] trace = new long[phaseLength * phases];
    int[] at = new int[2];
    for (int p = 0; p < phases; p++) {
      long[] from = p % 2 == 0 ? first : second;
      System.arraycopy(from, at[p % 2], trace, p * phaseLength, phaseLength);
      at[p % 2] += phaseLength;
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
