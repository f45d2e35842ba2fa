package io.dualcache.jcache;

import io.dualcache.jcache.usercode.Copies;
import io.dualcache.jcache.usercode.FirstFailure;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;

/**
 * The writes of a cache to its {@link CacheWriter}: {@link #to} a writer when the cache writes
 * through, else {@link #none()}, which writes nothing, so the operations never ask which.
 *
 * <p>This is the one place the writer is called. Its RuntimeExceptions are reported as {@link
 * CacheWriterException}s, as the spec requires: a {@code CacheWriterException} passes as it is,
 * anything else is wrapped; an Error passes as it is. The single calls throw, inside the compute of
 * their key, so the cache stays as it was. The batch calls add the failure to the operation's
 * {@link FirstFailure} instead and return the keys the writer did write or delete: the cache
 * applies those, then throws the failure.
 */
abstract class WriteThrough<K, V> {

  @SuppressWarnings("rawtypes")
  private static final WriteThrough NONE = new None();

  /** Writes through {@code writer}. */
  static <K, V> WriteThrough<K, V> to(CacheWriter<? super K, ? super V> writer, String cacheName) {
    return new Writing<>(writer, cacheName);
  }

  /** Writes nothing: the cache has no writer, or does not write through. */
  @SuppressWarnings("unchecked")
  static <K, V> WriteThrough<K, V> none() {
    return NONE;
  }

  /** Whether anything is written. */
  abstract boolean writes();

  /** The writer, to be closed with the cache; null for {@link #none()}. */
  abstract CacheWriter<K, V> writer();

  abstract void write(K key, V value);

  /** Deletes {@code key}, present or not: the store may have it. */
  abstract void delete(Object key);

  /**
   * {@code putAll}: writes the pairs {@code keys[i], values[i]}; returns the keys the writer did
   * not write, which the cache then does not store.
   */
  abstract Set<K> writeAll(List<K> keys, List<V> values, FirstFailure failure);

  /**
   * {@code removeAll(keys)}: deletes {@code keys}; returns those deleted, which the cache removes.
   */
  abstract Collection<? extends K> deleteAll(Set<? extends K> keys, FirstFailure failure);

  /**
   * {@code removeAll()}: deletes the keys the writer sees for {@code storedKeys} (copies, when the
   * cache stores by value); returns the stored keys of those deleted.
   */
  abstract Collection<K> deleteStored(List<K> storedKeys, Copies copies, FirstFailure failure);

  /** A cache that writes through. */
  private static final class Writing<K, V> extends WriteThrough<K, V> {

    private final CacheWriter<K, V> writer;
    private final String cacheName;

    @SuppressWarnings("unchecked") // a writer of supertypes accepts every K and V: safe to narrow
    Writing(CacheWriter<? super K, ? super V> writer, String cacheName) {
      this.writer = (CacheWriter<K, V>) writer;
      this.cacheName = cacheName;
    }

    @Override
    boolean writes() {
      return true;
    }

    @Override
    CacheWriter<K, V> writer() {
      return writer;
    }

    @Override
    void write(K key, V value) {
      try {
        writer.write(new DualCacheEntry<>(key, value));
      } catch (CacheWriterException e) {
        throw e;
      } catch (RuntimeException e) {
        throw wrapped("write " + key, e);
      }
    }

    @Override
    void delete(Object key) {
      try {
        writer.delete(key);
      } catch (CacheWriterException e) {
        throw e;
      } catch (RuntimeException e) {
        throw wrapped("delete " + key, e);
      }
    }

    @Override
    Set<K> writeAll(List<K> keys, List<V> values, FirstFailure failure) {
      List<Cache.Entry<? extends K, ? extends V>> batch = new ArrayList<>(keys.size());
      for (int i = 0; i < keys.size(); i++) {
        batch.add(new DualCacheEntry<>(keys.get(i), values.get(i)));
      }
      try {
        writer.writeAll(batch); // leaves in batch what it did not write
      } catch (CacheWriterException | Error e) {
        failure.add(e);
      } catch (RuntimeException e) {
        failure.add(wrapped("write " + batch.size() + " entries", e));
      }
      Set<K> unwritten = new HashSet<>();
      for (Cache.Entry<? extends K, ? extends V> entry : batch) {
        unwritten.add(entry.getKey());
      }
      return unwritten;
    }

    @Override
    Collection<? extends K> deleteAll(Set<? extends K> keys, FirstFailure failure) {
      if (keys.isEmpty()) {
        return keys;
      }
      Set<K> undeleted = new LinkedHashSet<>(keys);
      deleteThrough(undeleted, failure); // leaves what it did not delete
      List<K> deleted = new ArrayList<>(keys);
      deleted.removeAll(undeleted);
      return deleted;
    }

    @Override
    Collection<K> deleteStored(List<K> storedKeys, Copies copies, FirstFailure failure) {
      Map<K, K> present = new LinkedHashMap<>(); // stored key -> the key the writer sees
      for (K key : storedKeys) {
        present.put(key, copies.out(key));
      }
      Set<K> undeleted = new LinkedHashSet<>(present.values());
      deleteThrough(undeleted, failure);
      List<K> deleted = new ArrayList<>(present.size());
      for (Map.Entry<K, K> key : present.entrySet()) {
        if (!undeleted.contains(key.getValue())) {
          deleted.add(key.getKey());
        }
      }
      return deleted;
    }

    /** Deletes {@code keys}; on return the collection holds those the writer did not delete. */
    private void deleteThrough(Collection<K> keys, FirstFailure failure) {
      try {
        writer.deleteAll(keys);
      } catch (CacheWriterException | Error e) {
        failure.add(e);
      } catch (RuntimeException e) {
        failure.add(wrapped("delete " + keys.size() + " keys", e));
      }
    }

    private CacheWriterException wrapped(String what, RuntimeException cause) {
      return new CacheWriterException(
          "the writer of cache \"" + cacheName + "\" failed to " + what, cause);
    }
  }

  /** A cache that does not write through. */
  private static final class None<K, V> extends WriteThrough<K, V> {

    @Override
    boolean writes() {
      return false;
    }

    @Override
    CacheWriter<K, V> writer() {
      return null;
    }

    @Override
    void write(K key, V value) {}

    @Override
    void delete(Object key) {}

    @Override
    Set<K> writeAll(List<K> keys, List<V> values, FirstFailure failure) {
      return Set.of();
    }

    @Override
    Collection<? extends K> deleteAll(Set<? extends K> keys, FirstFailure failure) {
      return keys;
    }

    @Override
    Collection<K> deleteStored(List<K> storedKeys, Copies copies, FirstFailure failure) {
      return storedKeys;
    }
  }
}
