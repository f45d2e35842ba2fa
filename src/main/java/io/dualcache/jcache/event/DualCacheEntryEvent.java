package io.dualcache.jcache.event;

import javax.cache.Cache;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;

/**
 * One change of one entry, as a listener sees it. For {@link EventType#REMOVED} and {@link
 * EventType#EXPIRED} the value and the old value are both the value the entry had; for {@link
 * EventType#UPDATED} the old value is there only when the listener asked for old values.
 */
final class DualCacheEntryEvent<K, V> extends CacheEntryEvent<K, V> {

  private static final long serialVersionUID = 1L;

  private final K key;
  private final V value;
  private final V oldValue;
  private final boolean oldValueAvailable;

  DualCacheEntryEvent(
      Cache<K, V> source, EventType type, K key, V value, V oldValue, boolean oldValueAvailable) {
    super(source, type);
    this.key = key;
    this.value = value;
    this.oldValue = oldValue;
    this.oldValueAvailable = oldValueAvailable;
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
  public V getOldValue() {
    return oldValue;
  }

  @Override
  public boolean isOldValueAvailable() {
    return oldValueAvailable;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException(
        "a cache entry event cannot be unwrapped to " + clazz.getName());
  }

  @Override
  public String toString() {
    return getEventType() + "[" + key + "]";
  }
}
