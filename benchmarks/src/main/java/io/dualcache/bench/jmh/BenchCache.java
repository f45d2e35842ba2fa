package io.dualcache.bench.jmh;

/**
 * The two operations a benchmark times, over whichever cache is under test. Implementations call
 * the cache's ordinary production API and nothing else: no benchmark-only switches.
 */
public interface BenchCache<K, V> extends AutoCloseable {

  /** Returns the value, or null on a miss; records the hit the way the cache always does. */
  V get(K key);

  void put(K key, V value);

  /** Lets maintenance catch up after the pre-fill, if the cache has any (not timed). */
  default void settle() {}

  @Override
  default void close() {}
}
