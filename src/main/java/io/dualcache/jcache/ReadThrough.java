package io.dualcache.jcache;

import java.util.Map;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;

/**
 * The one place the cache's {@link CacheLoader} is called. Its RuntimeExceptions are reported as
 * {@link CacheLoaderException}s, as the spec requires: a {@code CacheLoaderException} passes as it
 * is, anything else is wrapped; an Error passes as it is (see {@code io.dualcache.jcache.usercode};
 * {@link BulkLoad} wraps it for a {@code CompletionListener}). The caller, inside the compute of
 * the key, then stores nothing.
 */
record ReadThrough<K, V>(CacheLoader<K, V> loader, String cacheName) {

  /** The loaded value, or null if the loader has none. */
  V load(K key) {
    try {
      return loader.load(key);
    } catch (CacheLoaderException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CacheLoaderException(
          "the loader of cache \"" + cacheName + "\" failed to load " + key, e);
    }
  }

  /** The loaded values (the map may hold null values, or be null: both mean "none"). */
  Map<K, V> loadAll(Iterable<? extends K> keys) {
    try {
      return loader.loadAll(keys);
    } catch (CacheLoaderException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CacheLoaderException(
          "the loader of cache \"" + cacheName + "\" failed to load " + keys, e);
    }
  }
}
