package io.dualcache.jcache.config;

import io.dualcache.engine.Weigher;
import io.dualcache.jcache.DualCacheConfiguration;

/**
 * The bound of a configured cache: at most {@code maximumSize} entries, or at most {@code
 * maximumWeight} in total as weighed by an instance of {@code weigher}. Exactly one kind is set;
 * the other value is -1.
 */
record Bound(long maximumSize, long maximumWeight, Class<?> weigher) {

  static Bound size(long maximumSize) {
    return new Bound(maximumSize, -1, null);
  }

  static Bound weight(long maximumWeight, Class<?> weigher) {
    return new Bound(-1, maximumWeight, weigher);
  }

  <K, V> void applyTo(DualCacheConfiguration<K, V> configuration) {
    if (maximumSize >= 0) {
      configuration.setMaximumSize(maximumSize);
    } else {
      @SuppressWarnings("unchecked") // the reader checked that the class implements Weigher
      Weigher<K, V> instance = (Weigher<K, V>) new InstanceFactory<>(weigher).create();
      configuration.setMaximumWeight(maximumWeight, instance);
    }
  }
}
