package io.dualcache.jcache;

import java.util.Collection;
import javax.cache.Cache;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;

/**
 * The one place the cache's {@link CacheWriter} is called. Its RuntimeExceptions are reported as
 * {@link CacheWriterException}s, as the spec requires: a {@code CacheWriterException} passes as it
 * is, anything else is wrapped; an Error passes as it is (see {@link UserCode}). The single calls
 * throw, inside the compute of their key, so the cache stays as it was. The batch calls return the
 * failure instead and leave in their collection what the writer did not write or delete: the cache
 * applies the rest, then throws the failure.
 */
final class WriteThrough<K, V> {

  private final CacheWriter<K, V> writer;
  private final String cacheName;

  @SuppressWarnings("unchecked") // a writer of supertypes accepts every K and V: safe to narrow
  WriteThrough(CacheWriter<? super K, ? super V> writer, String cacheName) {
    this.writer = (CacheWriter<K, V>) writer;
    this.cacheName = cacheName;
  }

  CacheWriter<K, V> writer() {
    return writer;
  }

  void write(K key, V value) {
    try {
      writer.write(new DualCacheEntry<>(key, value));
    } catch (CacheWriterException e) {
      throw e;
    } catch (RuntimeException e) {
      throw failure("write " + key, e);
    }
  }

  void delete(Object key) {
    try {
      writer.delete(key);
    } catch (CacheWriterException e) {
      throw e;
    } catch (RuntimeException e) {
      throw failure("delete " + key, e);
    }
  }

  /**
   * Writes {@code entries}; on return the collection holds those the writer did not write.
   *
   * @return the writer's failure (an exception wrapped, an Error as it is), or null
   */
  Throwable writeAll(Collection<Cache.Entry<? extends K, ? extends V>> entries) {
    try {
      writer.writeAll(entries);
      return null;
    } catch (CacheWriterException | Error e) {
      return e;
    } catch (RuntimeException e) {
      return failure("write " + entries.size() + " entries", e);
    }
  }

  /**
   * Deletes {@code keys}; on return the collection holds those the writer did not delete.
   *
   * @return the writer's failure (an exception wrapped, an Error as it is), or null
   */
  Throwable deleteAll(Collection<?> keys) {
    try {
      writer.deleteAll(keys);
      return null;
    } catch (CacheWriterException | Error e) {
      return e;
    } catch (RuntimeException e) {
      return failure("delete " + keys.size() + " keys", e);
    }
  }

  private CacheWriterException failure(String what, RuntimeException cause) {
    return new CacheWriterException(
        "the writer of cache \"" + cacheName + "\" failed to " + what, cause);
  }
}
