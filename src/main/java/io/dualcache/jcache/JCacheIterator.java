package io.dualcache.jcache;

import io.dualcache.engine.KeyValueStore;
import io.dualcache.jcache.usercode.Copies;
import java.util.Iterator;
import java.util.Map;
import javax.cache.Cache;

/**
 * The iterator of a {@link DualJCache}: walks the engine's weakly consistent iterator, and makes
 * each step a read of the cache (a hit, the access expiry) and each removal a {@code remove} (write
 * through, a removal, a removed event). Like any iterator, it belongs to one thread at a time.
 */
final class JCacheIterator<K, V> implements Iterator<Cache.Entry<K, V>> {

  private final KeyValueStore<K, V> store;
  private final Copies copies;
  private final WriteThrough<K, V> writer;
  private final CacheStatistics statistics;
  private final Iterator<Map.Entry<K, V>> entries;

  /** The stored key of the last entry returned, until removed. */
  private K lastStoredKey;

  /** The key the caller saw for it. */
  private K lastKey;

  JCacheIterator(CacheParts<K, V> parts, CacheStatistics statistics) {
    this.store = parts.store();
    this.copies = parts.copies();
    this.writer = parts.writer();
    this.statistics = statistics;
    this.entries = store.iterator();
  }

  @Override
  public boolean hasNext() {
    return entries.hasNext();
  }

  /**
   * The next entry, read as a {@code get} would: the engine records the hit for its policy and
   * applies the access expiry without a lock. If the entry went away since the engine's iterator
   * saw it, that iterator's value is returned (it promised an entry).
   */
  @Override
  public Cache.Entry<K, V> next() {
    Map.Entry<K, V> entry = entries.next();
    long start = statistics.start();
    V current = store.get(entry.getKey());
    V value = current != null ? current : entry.getValue();
    DualCacheEntry<K, V> result =
        new DualCacheEntry<>(copies.out(entry.getKey()), copies.out(value));
    statistics.recordGet(start, true);
    lastStoredKey = entry.getKey();
    lastKey = result.getKey();
    return result;
  }

  /** Removes the entry {@link #next()} returned, as {@code Cache.remove(key)} does. */
  @Override
  public void remove() {
    if (lastStoredKey == null) {
      throw new IllegalStateException("next() was not called, or remove() was called already");
    }
    K storedKey = lastStoredKey;
    K publicKey = lastKey;
    lastStoredKey = null;
    long start = statistics.start();
    boolean removed =
        store.compute(
            storedKey,
            e -> {
              writer.delete(publicKey);
              return EntryWrites.removeIfPresent(e);
            });
    if (removed) {
      statistics.recordRemovals(start, 1);
    }
  }
}
