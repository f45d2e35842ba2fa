package io.dualcache.jcache;

import java.util.Iterator;
import java.util.Map;
import javax.cache.Cache;

/**
 * The iterator of a {@link DualJCache}: walks the engine's weakly consistent iterator, and makes
 * each step a read of the cache (a hit, the access expiry) and each removal a {@code remove} (write
 * through, a removal, a removed event). Like any iterator, it belongs to one thread at a time.
 */
final class JCacheIterator<K, V> implements Iterator<Cache.Entry<K, V>> {

  private final DualJCache<K, V> cache;
  private final Iterator<Map.Entry<K, V>> entries;

  /** The stored key of the last entry returned, until removed. */
  private K lastStoredKey;

  /** The key the caller saw for it. */
  private K lastKey;

  JCacheIterator(DualJCache<K, V> cache, Iterator<Map.Entry<K, V>> entries) {
    this.cache = cache;
    this.entries = entries;
  }

  @Override
  public boolean hasNext() {
    return entries.hasNext();
  }

  @Override
  public Cache.Entry<K, V> next() {
    Map.Entry<K, V> entry = entries.next();
    Cache.Entry<K, V> result = cache.iterated(entry);
    lastStoredKey = entry.getKey();
    lastKey = result.getKey();
    return result;
  }

  @Override
  public void remove() {
    if (lastStoredKey == null) {
      throw new IllegalStateException("next() was not called, or remove() was called already");
    }
    K storedKey = lastStoredKey;
    lastStoredKey = null;
    cache.removeIterated(storedKey, lastKey);
  }
}
