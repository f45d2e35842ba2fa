package io.dualcache.jcache;

import io.dualcache.engine.KeyValueStore;
import io.dualcache.jcache.usercode.Copies;
import io.dualcache.jcache.usercode.FirstFailure;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.integration.CompletionListener;

/**
 * The operations of a {@link DualJCache} on many keys: {@code getAll}, {@code putAll}, {@code
 * removeAll} and {@code loadAll}. None is atomic across keys: each key is applied atomically, on
 * its own, like the single-key operation. The writer's and loader's batch methods are called once;
 * then every key is applied that can be, and the first failure is thrown (see {@link
 * FirstFailure}).
 */
final class BulkOperations<K, V> {

  private final String name;
  private final KeyValueStore<K, V> store;
  private final Copies copies;
  private final TypeCheck types;
  private final ReadThrough<K, V> readThrough;
  private final WriteThrough<K, V> writer;
  private final CacheStatistics statistics;
  private final EntryWrites<K, V> writes;

  /** Runs loadAll; null without a loader. */
  private final BulkLoad<K, V> bulkLoad;

  BulkOperations(
      String name, CacheParts<K, V> parts, CacheStatistics statistics, EntryWrites<K, V> writes) {
    this.name = name;
    this.store = parts.store();
    this.copies = parts.copies();
    this.types = parts.types();
    this.readThrough = parts.readThrough();
    this.writer = parts.writer();
    this.statistics = statistics;
    this.writes = writes;
    this.bulkLoad =
        parts.loader() == null
            ? null
            : new BulkLoad<>(name, store, parts.loader(), parts.executor(), writes::storeLoaded);
  }

  Map<K, V> getAll(Set<? extends K> keys) {
    Checks.open(store, name);
    Checks.noNullKeys(keys, "getAll");
    long start = statistics.start();
    Map<K, V> result = new HashMap<>();
    List<K> missing = new ArrayList<>();
    for (K key : keys) {
      V value = store.get(key);
      if (value != null) {
        result.put(key, copies.out(value));
      } else {
        missing.add(key);
      }
    }
    statistics.recordHits(start, result.size());
    statistics.recordMisses(start, missing.size());
    if (readThrough != null && !missing.isEmpty()) {
      Map<K, V> loaded = readThrough.loadAll(missing);
      FirstFailure failure = new FirstFailure("getAll", name);
      if (loaded != null) {
        for (K key : missing) {
          V value = loaded.get(key);
          try {
            V now = value == null ? null : writes.storeLoaded(key, value, false);
            if (now != null) {
              result.put(key, now);
            }
          } catch (RuntimeException | Error e) { // this key's listener: the others are stored
            failure.add(e);
          }
        }
      }
      failure.rethrow();
    }
    statistics.recordGetTime(start);
    return result;
  }

  void putAll(Map<? extends K, ? extends V> map) {
    Checks.open(store, name);
    Objects.requireNonNull(map, "putAll map must not be null");
    List<K> keys = new ArrayList<>(map.size());
    List<V> values = new ArrayList<>(map.size());
    for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
      K key = Objects.requireNonNull(entry.getKey(), "putAll map must not contain a null key");
      V value =
          Objects.requireNonNull(entry.getValue(), "putAll map has a null value for key " + key);
      types.check(key, value);
      keys.add(key);
      values.add(value);
    }
    long start = statistics.start();
    // Copy everything first: an object that cannot be stored fails the call before any change.
    List<K> storedKeys = new ArrayList<>(keys.size());
    List<V> storedValues = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      storedKeys.add(copies.in(keys.get(i)));
      storedValues.add(copies.in(values.get(i)));
    }
    FirstFailure failure = new FirstFailure("putAll", name);
    Set<K> unwritten = writer.writeAll(keys, values, failure);
    long puts = 0;
    for (int i = 0; i < keys.size(); i++) {
      if (unwritten.contains(keys.get(i))) {
        continue;
      }
      K key = keys.get(i);
      V value = values.get(i);
      V storedValue = storedValues.get(i);
      try {
        if (store.compute(
            storedKeys.get(i), e -> writes.store(e, key, value, storedValue, false))) {
          puts++;
        }
      } catch (CacheEntryListenerException e) { // after the store: the rest still goes in
        failure.add(e);
        puts++;
      } catch (RuntimeException | Error e) { // this key's own failure: the rest still goes in
        failure.add(e);
      }
    }
    statistics.recordPuts(start, puts);
    failure.rethrow();
  }

  void removeAll(Set<? extends K> keys) {
    Checks.open(store, name);
    Checks.noNullKeys(keys, "removeAll");
    long start = statistics.start();
    FirstFailure failure = new FirstFailure("removeAll", name);
    removeEach(writer.deleteAll(keys, failure), start, failure);
  }

  void removeAll() {
    Checks.open(store, name);
    long start = statistics.start();
    List<K> present = new ArrayList<>();
    for (Map.Entry<K, V> entry : store) { // live entries only: expired ones are not removals
      present.add(entry.getKey());
    }
    if (present.isEmpty()) {
      return;
    }
    FirstFailure failure = new FirstFailure("removeAll", name);
    removeEach(writer.deleteStored(present, copies, failure), start, failure);
  }

  /**
   * Removes each key without writing through and counts what was removed; then throws the writer's
   * failure, if any, else the first failure of a key (a listener's: the rest are removed anyway).
   */
  private void removeEach(Collection<? extends K> keys, long start, FirstFailure failure) {
    long removed = 0;
    for (K key : keys) {
      try {
        if (store.compute(key, EntryWrites::removeIfPresent)) {
          removed++;
        }
      } catch (RuntimeException | Error e) {
        failure.add(e);
      }
    }
    statistics.recordRemovals(start, removed);
    failure.rethrow();
  }

  /** See {@link BulkLoad}: the listener always hears exactly once how it ended. */
  void loadAll(Set<? extends K> keys, boolean replaceExistingValues, CompletionListener listener) {
    Checks.open(store, name);
    Checks.noNullKeys(keys, "loadAll");
    if (bulkLoad == null) {
      if (listener != null) {
        listener.onCompletion();
      }
      return;
    }
    bulkLoad.start(keys, replaceExistingValues, listener);
  }
}
