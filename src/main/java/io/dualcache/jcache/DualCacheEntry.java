package io.dualcache.jcache;

import java.util.Objects;
import javax.cache.Cache;

/**
 * An immutable key-value pair: what the iterator of a DualCache JCache returns, and what its {@link
 * javax.cache.integration.CacheWriter} receives.
 *
 * @param <K> the type of the key
 * @param <V> the type of the value
 */
public final class DualCacheEntry<K, V> implements Cache.Entry<K, V> {

  private final K key;
  private final V value;

  DualCacheEntry(K key, V value) {
    this.key = key;
    this.value = value;
  }

  @Override
  public K getKey() {
    return key;
  }

  @Override
  public V getValue() {
    return value;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException("a cache entry cannot be unwrapped to " + clazz.getName());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DualCacheEntry<?, ?> other
        && key.equals(other.key)
        && Objects.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return key.hashCode() ^ Objects.hashCode(value);
  }

  @Override
  public String toString() {
    return key + "=" + value;
  }
}
