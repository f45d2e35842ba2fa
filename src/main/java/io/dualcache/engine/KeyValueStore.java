package io.dualcache.engine;

import java.util.Iterator;
import java.util.Map;

/**
 * Where the entries of a cache live, as the JSR-107 layer uses them: the engine itself ({@link
 * DualCache}), or a store that keeps the data of record elsewhere and an engine as its near cache
 * (a shared cache over Redis). Every write is a {@link #compute} of one key; the contract of each
 * method is {@link DualCache}'s.
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
public interface KeyValueStore<K, V> extends Iterable<Map.Entry<K, V>>, AutoCloseable {

  /** The value of {@code key}, or null; a hit is recorded and may move the entry's deadline. */
  V get(Object key);

  /** Whether {@code key} has a live entry; a pure read. */
  boolean containsKey(Object key);

  /** Stores {@code value}; returns the previous value, or null. */
  V put(K key, V value);

  /** Runs {@code action} on the entry of {@code key} atomically; see {@link DualCache#compute}. */
  <R> R compute(K key, EntryAction<K, V, R> action);

  /** Removes every entry without any event. */
  void clear();

  /** A weakly consistent iterator over the live entries. */
  @Override
  Iterator<Map.Entry<K, V>> iterator();

  /** Releases the store's threads and connections; the store is empty afterwards. */
  @Override
  void close();

  /** Whether {@link #close()} was called. */
  boolean isClosed();
}
