package io.dualcache.bench.jmh;

/**
 * Checks that a pre-filled cache holds every key, so that "all hits" really is. A bounded cache
 * that evicted part of its fill would otherwise be timed on misses and look fast or slow for the
 * wrong reason. The check reads every key once, before measurement.
 */
final class Prefill {

  private Prefill() {}

  static void checkAllPresent(CacheImpl impl, BenchCache<Integer, Integer> cache, Integer[] keys) {
    int missing = 0;
    for (Integer key : keys) {
      if (cache.get(key) == null) {
        missing++;
      }
    }
    if (missing > keys.length / 100) {
      throw new IllegalStateException(
          impl + " lost " + missing + " of the " + keys.length + " keys it was filled with");
    }
    if (missing > 0) {
      System.err.printf("note: %s holds %d of %d keys after the fill%n", impl, keys.length - missing, keys.length);
    }
  }
}
