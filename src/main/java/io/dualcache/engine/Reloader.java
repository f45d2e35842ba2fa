package io.dualcache.engine;

/**
 * Computes a fresh value for an entry that is due for a refresh (see {@link
 * DualCacheBuilder#refreshAfterWrite}). Called on the refresh executor, never on the reading
 * thread, and never twice at a time for one key.
 */
@FunctionalInterface
public interface Reloader<K, V> {

  /**
   * Returns the new value of {@code key}, whose value is {@code oldValue}, or null to keep the old
   * value. A thrown exception keeps the old value too; the cache counts and logs it.
   */
  V reload(K key, V oldValue) throws Exception;
}
