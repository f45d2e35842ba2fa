package io.dualcache.engine;

/**
 * Computes the weight of an entry for a cache bounded by {@link DualCacheBuilder#maximumWeight}.
 * Called by the writing thread, once per write, while it holds the key's lock.
 */
@FunctionalInterface
public interface Weigher<K, V> {

  /** Returns the weight of the entry, zero or more. */
  int weigh(K key, V value);
}
