package io.dualcache.redis;

import io.dualcache.engine.Expiry;

/**
 * The expiry of a shared cache's near cache: the cache's own, except that a hit that moves the
 * entry's deadline (access expiry) also moves the Redis TTL, without waiting, so that the entry
 * lives as long for every JVM as the last access anywhere says.
 */
final class AccessTouchingExpiry<K, V> implements Expiry<K, V> {
  private final Expiry<K, V> expiry;
  private final SharedCache<K, V> cache;

  AccessTouchingExpiry(Expiry<K, V> expiry, SharedCache<K, V> cache) {
    this.expiry = expiry;
    this.cache = cache;
  }

  @Override
  public long afterCreate(K key, V value) {
    return expiry.afterCreate(key, value);
  }

  @Override
  public long afterUpdate(K key, V value) {
    return expiry.afterUpdate(key, value);
  }

  @Override
  public long afterRead(K key, V value) {
    long lifetime = expiry.afterRead(key, value);
    if (lifetime != KEEP) {
      cache.touchLater(key, lifetime, lifetime == 0 ? cache.encodedValue(value) : null);
    }
    return lifetime;
  }

  @Override
  public boolean movesOnRead() {
    return expiry.movesOnRead();
  }
}
