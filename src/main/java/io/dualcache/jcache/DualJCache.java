package io.dualcache.jcache;

import io.dualcache.engine.DualCache;
import io.dualcache.engine.DualCacheBuilder;
import io.dualcache.engine.EditableEntry;
import io.dualcache.engine.Expiry;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorResult;
import javax.management.ObjectName;

/**
 * The JSR-107 {@link Cache} of DualCache: maps each operation of the spec onto the engine. Reads go
 * straight to the engine's wait-free {@link DualCache#get}; every write is one atomic {@link
 * DualCache#compute} of its key, in which the operation writes through, asks the expiry policy and
 * changes the entry, so that a failing writer or loader leaves the cache unchanged. Events come
 * from the engine's listener ({@link EventDispatcher}).
 *
 * <p>Obtain one from a {@link DualCacheManager}; {@code unwrap(DualCache.class)} gives the engine
 * (its {@code cleanUp()} runs pending evictions at once).
 *
 * @param <K> the type of keys
 * @param <V> the type of values
 */
public final class DualJCache<K, V> implements Cache<K, V> {

  private final String name;
  private final DualCacheManager manager;
  private final DualCache<K, V> engine;
  private final Copies copies;
  private final boolean storeByValue;
  private final ExpiryPolicyAdapter<K, V> expiry;

  /** The loader, for {@code loadAll}; null without one. */
  private final ReadThrough<K, V> loader;

  /** The loader when the cache reads through; null otherwise. */
  private final ReadThrough<K, V> readThrough;

  /** The writer when the cache writes through; null otherwise. */
  private final WriteThrough<K, V> writeThrough;

  private final EventDispatcher<K, V> events;
  private final CacheStatistics statistics = new CacheStatistics();
  private final Executor executor;

  /** The configured types, checked on every write. */
  private final TypeCheck types;

  /** Runs loadAll; null without a loader. */
  private final BulkLoad<K, V> bulkLoad;

  private final ObjectName configurationBeanName;
  private final ObjectName statisticsBeanName;

  /** Guards {@link #configuration} and the close sequence. */
  private final Object lock = new Object();

  /** The live configuration; copies go out. Guarded by {@link #lock}. */
  private final DualCacheConfiguration<K, V> configuration;

  /** Set once by the first {@link #close()}. Guarded by {@link #lock}. */
  private boolean closing;

  /**
   * Whether operations count statistics. Written by a management call, read by every operation
   * (volatile: a plain load on x86, and the one branch a read pays when statistics are off).
   */
  private volatile boolean statisticsEnabled;

  DualJCache(
      DualCacheManager manager,
      String name,
      DualCacheConfiguration<K, V> configuration,
      ClassLoader classLoader) {
    this.manager = manager;
    this.name = name;
    this.configuration = configuration;
    this.storeByValue = configuration.isStoreByValue();
    Copier copier =
        configuration.getCopier() != null ? configuration.getCopier() : SerializingCopier.INSTANCE;
    this.copies = new Copies(storeByValue, copier, classLoader, name);
    this.types = new TypeCheck(configuration.getKeyType(), configuration.getValueType(), name);
    this.executor =
        configuration.getExecutor() != null
            ? configuration.getExecutor()
            : ForkJoinPool.commonPool();
    URI uri = manager.getURI();
    this.configurationBeanName =
        MBeanRegistrar.objectName(MBeanRegistrar.Kind.CacheConfiguration, uri, name);
    this.statisticsBeanName =
        MBeanRegistrar.objectName(MBeanRegistrar.Kind.CacheStatistics, uri, name);
    // The engine's settings are checked first, so bad ones fail before any user object exists.
    DualCacheBuilder<K, V> builder = EngineFactory.configure(configuration, name);
    List<Object> created = new ArrayList<>(); // what to close if a later step fails
    try {
      this.expiry = new ExpiryPolicyAdapter<>(configuration.getExpiryPolicyFactory().create());
      created.add(expiry.policy());
      this.loader =
          configuration.getCacheLoaderFactory() == null
              ? null
              : new ReadThrough<>(configuration.getCacheLoaderFactory().create(), name);
      created.add(loader == null ? null : loader.loader());
      this.readThrough = configuration.isReadThrough() ? loader : null;
      this.writeThrough =
          configuration.isWriteThrough() && configuration.getCacheWriterFactory() != null
              ? new WriteThrough<>(configuration.getCacheWriterFactory().create(), name)
              : null;
      created.add(writeThrough == null ? null : writeThrough.writer());
      EventDispatcher<K, V> dispatcher =
          new EventDispatcher<>(this, copies, this::countEviction, executor);
      for (CacheEntryListenerConfiguration<K, V> listener :
          configuration.getCacheEntryListenerConfigurations()) {
        created.add(dispatcher.register(listener).listener());
      }
      this.events = dispatcher;
    } catch (RuntimeException | Error e) { // a factory failed: close what the others made
      created.forEach(object -> Closeables.closeQuietly(object, "part of failed cache " + name));
      throw e;
    }
    this.engine = EngineFactory.build(builder, events, expiry);
    this.bulkLoad =
        loader == null ? null : new BulkLoad<>(name, engine, loader, executor, this::storeLoaded);
    try {
      setManagementEnabled(configuration.isManagementEnabled());
      setStatisticsEnabled(configuration.isStatisticsEnabled());
    } catch (RuntimeException e) {
      close(); // stops the engine's threads and closes the user objects
      throw e;
    }
  }

  // ================================================================ reads

  /**
   * {@inheritDoc}
   *
   * <p>With statistics off and no read-through this is the engine's wait-free get plus, for a
   * store-by-value cache, a copy of the value (none for immutable JDK types).
   */
  @Override
  public V get(K key) {
    requireKey(key);
    if (statisticsEnabled) {
      return getCounting(key);
    }
    // A closed engine is empty and throws on a miss: a hit needs no open check.
    V value = engine.get(key); // records the hit, applies the access expiry
    if (value != null) {
      return storeByValue ? copies.out(value) : value;
    }
    return readThrough == null ? null : loadMissing(key);
  }

  private V getCounting(K key) {
    long start = System.nanoTime();
    V value = engine.get(key);
    if (value != null) {
      statistics.recordHits(1);
      V result = copies.out(value);
      statistics.recordGetTime(start);
      return result;
    }
    statistics.recordMisses(1);
    V loaded = readThrough == null ? null : loadMissing(key);
    statistics.recordGetTime(start);
    return loaded;
  }

  /** Loads the value of a key found absent and stores it, unless another thread stored one. */
  private V loadMissing(K key) {
    return engine.compute(
        copies.in(key),
        entry -> {
          if (entry.exists()) {
            return copies.out(entry.value());
          }
          V loaded = readThrough.load(key);
          if (loaded == null) {
            return null;
          }
          long lifetime = expiry.creation();
          if (lifetime == 0) {
            return null; // expired as it was created: never visible, as in the RI
          }
          entry.setValue(copies.in(loaded), lifetime); // a load is not written through
          return loaded;
        });
  }

  @Override
  public Map<K, V> getAll(Set<? extends K> keys) {
    checkOpen();
    requireNoNullKeys(keys, "getAll");
    boolean counting = statisticsEnabled;
    long start = counting ? System.nanoTime() : 0L;
    Map<K, V> result = new HashMap<>();
    List<K> missing = new ArrayList<>();
    for (K key : keys) {
      V value = engine.get(key);
      if (value != null) {
        result.put(key, copies.out(value));
      } else {
        missing.add(key);
      }
    }
    if (counting) {
      statistics.recordHits(result.size());
      statistics.recordMisses(missing.size());
    }
    if (readThrough != null && !missing.isEmpty()) {
      Map<K, V> loaded = readThrough.loadAll(missing);
      UserCode.FirstFailure failure = new UserCode.FirstFailure("getAll", name);
      if (loaded != null) {
        for (K key : missing) {
          V value = loaded.get(key);
          try {
            V now = value == null ? null : storeLoaded(key, value, false);
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
    if (counting) {
      statistics.recordGetTime(start);
    }
    return result;
  }

  /**
   * Stores a loaded value without writing it through: creates the entry, or replaces its value if
   * {@code replace}. Returns the value the cache now holds for the key (as the caller may see it),
   * or null if the entry expired as it was created.
   */
  V storeLoaded(K key, V value, boolean replace) {
    V stored = copies.in(value);
    return engine.compute(
        copies.in(key),
        entry -> {
          if (entry.exists()) {
            if (!replace) {
              return copies.out(entry.value());
            }
            entry.setValue(stored, expiry.update());
            return value;
          }
          long lifetime = expiry.creation();
          if (lifetime == 0) {
            return null;
          }
          entry.setValue(stored, lifetime);
          return value;
        });
  }

  /** {@inheritDoc} A pure read: no statistics, no expiry change, never loads. */
  @Override
  public boolean containsKey(K key) {
    requireKey(key);
    return engine.containsKey(key);
  }

  /** {@inheritDoc} See {@link BulkLoad}: the listener always hears exactly once how it ended. */
  @Override
  public void loadAll(
      Set<? extends K> keys, boolean replaceExistingValues, CompletionListener listener) {
    checkOpen();
    requireNoNullKeys(keys, "loadAll");
    if (bulkLoad == null) {
      if (listener != null) {
        listener.onCompletion();
      }
      return;
    }
    bulkLoad.start(keys, replaceExistingValues, listener);
  }

  // ================================================================ writes

  @Override
  public void put(K key, V value) {
    checkWrite(key, value);
    boolean counting = statisticsEnabled;
    long start = counting ? System.nanoTime() : 0L;
    K storedKey = copies.in(key);
    V storedValue = copies.in(value);
    boolean stored;
    if (writeThrough == null && expiry.isEternal()) {
      engine.put(storedKey, storedValue); // nothing to write or time: the plain put, no allocation
      stored = true;
    } else {
      stored = engine.compute(storedKey, e -> store(e, key, value, storedValue, true));
    }
    if (counting && stored) {
      statistics.recordPuts(1);
      statistics.recordPutTime(start);
    }
  }

  /**
   * Writes {@code value} through (if asked and configured) and stores it with the creation or
   * update lifetime. Returns whether the cache holds it now: a new entry that expires at once is
   * never stored, has no event and is no put.
   */
  private boolean store(EditableEntry<K, V> entry, K key, V value, V storedValue, boolean write) {
    boolean existed = entry.exists();
    if (write && writeThrough != null) {
      writeThrough.write(key, value); // first: if it fails, the cache stays as it was
    }
    long lifetime = existed ? expiry.update() : expiry.creation();
    if (!existed && lifetime == 0) {
      return false;
    }
    entry.setValue(storedValue, lifetime);
    return true;
  }

  @Override
  public V getAndPut(K key, V value) {
    checkWrite(key, value);
    boolean counting = statisticsEnabled;
    long start = counting ? System.nanoTime() : 0L;
    K storedKey = copies.in(key);
    V storedValue = copies.in(value);
    Change<V> change =
        engine.compute(
            storedKey,
            e -> {
              V previous = e.value();
              return new Change<>(previous, store(e, key, value, storedValue, true));
            });
    if (counting) {
      countRead(change.previous != null, start);
      if (change.changed) {
        statistics.recordPuts(1);
        statistics.recordPutTime(start);
      }
    }
    return change.previous; // no longer in the cache: the caller may have it without a copy
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> map) {
    checkOpen();
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
    boolean counting = statisticsEnabled;
    long start = counting ? System.nanoTime() : 0L;
    // Copy everything first: an object that cannot be stored fails the call before any change.
    List<K> storedKeys = new ArrayList<>(keys.size());
    List<V> storedValues = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      storedKeys.add(copies.in(keys.get(i)));
      storedValues.add(copies.in(values.get(i)));
    }
    Set<K> unwritten = Set.of();
    UserCode.FirstFailure failure = new UserCode.FirstFailure("putAll", name);
    if (writeThrough != null) {
      List<Cache.Entry<? extends K, ? extends V>> batch = new ArrayList<>(keys.size());
      for (int i = 0; i < keys.size(); i++) {
        batch.add(new DualCacheEntry<>(keys.get(i), values.get(i)));
      }
      failure.add(writeThrough.writeAll(batch)); // leaves in batch what it did not write
      unwritten = new HashSet<>();
      for (Cache.Entry<? extends K, ? extends V> entry : batch) {
        unwritten.add(entry.getKey());
      }
    }
    long puts = 0;
    for (int i = 0; i < keys.size(); i++) {
      if (unwritten.contains(keys.get(i))) {
        continue;
      }
      K key = keys.get(i);
      V value = values.get(i);
      V storedValue = storedValues.get(i);
      try {
        if (engine.compute(storedKeys.get(i), e -> store(e, key, value, storedValue, false))) {
          puts++;
        }
      } catch (CacheEntryListenerException e) { // after the store: the rest still goes in
        failure.add(e);
        puts++;
      } catch (RuntimeException | Error e) { // this key's own failure: the rest still goes in
        failure.add(e);
      }
    }
    if (counting && puts > 0) {
      statistics.recordPuts(puts);
      statistics.recordPutTime(start);
    }
    failure.rethrow();
  }

  @Override
  public boolean putIfAbsent(K key, V value) {
    checkWrite(key, value);
    boolean counting = statisticsEnabled;
    long start = counting ? System.nanoTime() : 0L;
    K storedKey = copies.in(key);
    V storedValue = copies.in(value);
    Outcome outcome =
        engine.compute(
            storedKey,
            e -> {
              if (e.exists()) {
                return Outcome.HIT;
              }
              return store(e, key, value, storedValue, true) ? Outcome.CHANGED : Outcome.MISS;
            });
    if (counting) {
      countRead(outcome == Outcome.HIT, start);
      if (outcome == Outcome.CHANGED) {
        statistics.recordPuts(1);
        statistics.recordPutTime(start);
      }
    }
    return outcome == Outcome.CHANGED;
  }

  @Override
  public boolean remove(K key) {
    checkOpen();
    Objects.requireNonNull(key, "key must not be null");
    boolean counting = statisticsEnabled;
    long start = counting ? System.nanoTime() : 0L;
    boolean removed =
        engine.compute(
            key,
            e -> {
              if (writeThrough != null) {
                writeThrough.delete(key); // also for an absent key: the store may have it
              }
              if (!e.exists()) {
                return false;
              }
              e.remove();
              return true;
            });
    if (counting && removed) {
      statistics.recordRemovals(1);
      statistics.recordRemoveTime(start);
    }
    return removed;
  }

  @Override
  public boolean remove(K key, V oldValue) {
    checkOpen();
    Objects.requireNonNull(key, "key must not be null");
    Objects.requireNonNull(oldValue, "oldValue must not be null");
    boolean counting = statisticsEnabled;
    long start = counting ? System.nanoTime() : 0L;
    Outcome outcome =
        engine.compute(
            key,
            e -> {
              if (!e.exists()) {
                return Outcome.MISS;
              }
              if (!e.value().equals(oldValue)) {
                touch(e); // a compare that fails is an access
                return Outcome.HIT;
              }
              if (writeThrough != null) {
                writeThrough.delete(key);
              }
              e.remove();
              return Outcome.CHANGED;
            });
    if (counting) {
      countRead(outcome != Outcome.MISS, start);
      if (outcome == Outcome.CHANGED) {
        statistics.recordRemovals(1);
        statistics.recordRemoveTime(start);
      }
    }
    return outcome == Outcome.CHANGED;
  }

  @Override
  public V getAndRemove(K key) {
    checkOpen();
    Objects.requireNonNull(key, "key must not be null");
    boolean counting = statisticsEnabled;
    long start = counting ? System.nanoTime() : 0L;
    V previous =
        engine.compute(
            key,
            e -> {
              if (writeThrough != null) {
                writeThrough.delete(key);
              }
              V value = e.value();
              if (value != null) {
                e.remove();
              }
              return value;
            });
    if (counting) {
      countRead(previous != null, start);
      if (previous != null) {
        statistics.recordRemovals(1);
        statistics.recordRemoveTime(start);
      }
    }
    return previous; // no longer in the cache: the caller may have it without a copy
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    checkOpen();
    Objects.requireNonNull(oldValue, "oldValue must not be null");
    checkWrite(key, newValue);
    boolean counting = statisticsEnabled;
    long start = counting ? System.nanoTime() : 0L;
    V storedValue = copies.in(newValue);
    Outcome outcome =
        engine.compute(
            key,
            e -> {
              if (!e.exists()) {
                return Outcome.MISS;
              }
              if (!e.value().equals(oldValue)) {
                touch(e); // a compare that fails is an access
                return Outcome.HIT;
              }
              replaceValue(e, key, newValue, storedValue);
              return Outcome.CHANGED;
            });
    countReplace(counting, outcome, start);
    return outcome == Outcome.CHANGED;
  }

  @Override
  public boolean replace(K key, V value) {
    checkWrite(key, value);
    boolean counting = statisticsEnabled;
    long start = counting ? System.nanoTime() : 0L;
    V storedValue = copies.in(value);
    Outcome outcome =
        engine.compute(
            key,
            e -> {
              if (!e.exists()) {
                return Outcome.MISS;
              }
              replaceValue(e, key, value, storedValue);
              return Outcome.CHANGED;
            });
    countReplace(counting, outcome, start);
    return outcome == Outcome.CHANGED;
  }

  @Override
  public V getAndReplace(K key, V value) {
    checkWrite(key, value);
    boolean counting = statisticsEnabled;
    long start = counting ? System.nanoTime() : 0L;
    V storedValue = copies.in(value);
    V previous =
        engine.compute(
            key,
            e -> {
              V current = e.value();
              if (current != null) {
                replaceValue(e, key, value, storedValue);
              }
              return current;
            });
    countReplace(counting, previous == null ? Outcome.MISS : Outcome.CHANGED, start);
    return previous; // no longer in the cache: the caller may have it without a copy
  }

  private void replaceValue(EditableEntry<K, V> entry, K key, V value, V storedValue) {
    if (writeThrough != null) {
      writeThrough.write(key, value);
    }
    entry.setValue(storedValue, expiry.update());
  }

  private void countReplace(boolean counting, Outcome outcome, long start) {
    if (counting) {
      countRead(outcome != Outcome.MISS, start);
      if (outcome == Outcome.CHANGED) {
        statistics.recordPuts(1);
        statistics.recordPutTime(start);
      }
    }
  }

  /** Applies the access expiry to a present entry that was read inside a compute. */
  private void touch(EditableEntry<K, V> entry) {
    long lifetime = expiry.access();
    if (lifetime != Expiry.KEEP) {
      entry.setExpiry(lifetime);
    }
  }

  @Override
  public void removeAll(Set<? extends K> keys) {
    checkOpen();
    requireNoNullKeys(keys, "removeAll");
    boolean counting = statisticsEnabled;
    long start = counting ? System.nanoTime() : 0L;
    Collection<? extends K> toRemove = keys;
    Throwable writeFailure = null;
    if (writeThrough != null && !keys.isEmpty()) {
      Set<K> undeleted = new LinkedHashSet<>(keys);
      writeFailure = writeThrough.deleteAll(undeleted); // leaves what it did not delete
      List<K> deleted = new ArrayList<>(keys);
      deleted.removeAll(undeleted);
      toRemove = deleted;
    }
    removeEach(toRemove, counting, start, writeFailure);
  }

  @Override
  public void removeAll() {
    checkOpen();
    boolean counting = statisticsEnabled;
    long start = counting ? System.nanoTime() : 0L;
    // Stored key -> the key the writer sees (a copy when storing by value).
    Map<K, K> present = new LinkedHashMap<>();
    for (Map.Entry<K, V> entry : engine) { // live entries only: expired ones are not removals
      present.put(
          entry.getKey(), writeThrough == null ? entry.getKey() : copies.out(entry.getKey()));
    }
    if (present.isEmpty()) {
      return;
    }
    Throwable writeFailure = null;
    Collection<K> toRemove = present.keySet();
    if (writeThrough != null) {
      Set<K> undeleted = new LinkedHashSet<>(present.values());
      writeFailure = writeThrough.deleteAll(undeleted);
      List<K> deleted = new ArrayList<>(present.size());
      for (Map.Entry<K, K> key : present.entrySet()) {
        if (!undeleted.contains(key.getValue())) {
          deleted.add(key.getKey());
        }
      }
      toRemove = deleted;
    }
    removeEach(toRemove, counting, start, writeFailure);
  }

  /**
   * Removes each key without writing through; counts what was removed; then throws the writer's
   * failure, if any, else the first failure of a key (a listener's: the rest are removed anyway).
   */
  private void removeEach(
      Collection<? extends K> keys, boolean counting, long start, Throwable writeFailure) {
    long removed = 0;
    UserCode.FirstFailure failure = new UserCode.FirstFailure("removeAll", name);
    failure.add(writeFailure);
    for (K key : keys) {
      try {
        if (engine.compute(key, DualJCache::removeIfPresent)) {
          removed++;
        }
      } catch (RuntimeException | Error e) {
        failure.add(e);
      }
    }
    if (counting && removed > 0) {
      statistics.recordRemovals(removed);
      statistics.recordRemoveTime(start);
    }
    failure.rethrow();
  }

  private static <K, V> Boolean removeIfPresent(EditableEntry<K, V> entry) {
    if (!entry.exists()) {
      return false;
    }
    entry.remove();
    return true;
  }

  /** {@inheritDoc} Fires no event, calls no writer and counts nothing. */
  @Override
  public void clear() {
    checkOpen();
    engine.clear();
  }

  // ================================================================ entry processors

  @Override
  public <T> T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
    checkOpen();
    Objects.requireNonNull(key, "key must not be null");
    Objects.requireNonNull(processor, "entry processor must not be null");
    boolean counting = statisticsEnabled;
    long start = counting ? System.nanoTime() : 0L;
    Invocation<T> invocation =
        engine.compute(copies.in(key), e -> process(e, key, processor, arguments));
    if (counting) {
      countRead(invocation.existed, start);
      if (invocation.changed) {
        switch (invocation.operation) {
          case CREATE, UPDATE -> {
            statistics.recordPuts(1);
            statistics.recordPutTime(start);
          }
          case REMOVE -> {
            statistics.recordRemovals(1);
            statistics.recordRemoveTime(start);
          }
          default -> {} // a load is no put
        }
      }
    }
    return invocation.result;
  }

  /** Runs the processor on the engine's entry and applies its net operation. */
  private <T> Invocation<T> process(
      EditableEntry<K, V> entry, K key, EntryProcessor<K, V, T> processor, Object[] arguments) {
    ProcessorEntry<K, V> view =
        new ProcessorEntry<>(key, entry.value(), copies, readThrough, types);
    T result = UserCode.process(processor, view, arguments, name);
    boolean changed = apply(entry, view, key);
    return new Invocation<>(result, view.existed(), view.operation(), changed);
  }

  private boolean apply(EditableEntry<K, V> entry, ProcessorEntry<K, V> view, K key) {
    switch (view.operation()) {
      case ACCESS -> touch(entry);
      case CREATE, UPDATE -> {
        return store(entry, key, view.value(), copies.in(view.value()), true);
      }
      case LOAD -> {
        return store(entry, key, view.value(), copies.in(view.value()), false);
      }
      case REMOVE -> {
        if (writeThrough != null) {
          writeThrough.delete(key); // also for an absent key, as for remove(key)
        }
        return removeIfPresent(entry);
      }
      case NONE -> {}
    }
    return false;
  }

  @Override
  public <T> Map<K, EntryProcessorResult<T>> invokeAll(
      Set<? extends K> keys, EntryProcessor<K, V, T> processor, Object... arguments) {
    checkOpen();
    requireNoNullKeys(keys, "invokeAll");
    Objects.requireNonNull(processor, "entry processor must not be null");
    Map<K, EntryProcessorResult<T>> results = new HashMap<>();
    for (K key : keys) {
      try {
        T result = invoke(key, processor, arguments);
        if (result != null) {
          results.put(key, ProcessorResult.of(result));
        }
      } catch (IllegalStateException closed) {
        throw closed;
      } catch (RuntimeException | Error e) { // this key's failure: the others are processed
        results.put(key, ProcessorResult.failed(e));
      }
    }
    return results;
  }

  // ================================================================ iteration

  /**
   * {@inheritDoc}
   *
   * <p>Weakly consistent. Each {@code next()} is a read: it counts a hit and applies the access
   * expiry. {@code remove()} removes the last entry returned like {@link #remove(Object)}: it
   * writes through, counts a removal and fires a removed event.
   */
  @Override
  public Iterator<Cache.Entry<K, V>> iterator() {
    checkOpen();
    return new JCacheIterator<>(this, engine.iterator());
  }

  /**
   * Reads an entry the iterator reached, as a {@code get} would: the engine records the hit for its
   * policy and applies the access expiry without a lock. If the entry went away since the iterator
   * saw it, the iterator's value is returned (the iterator promised an entry).
   */
  Cache.Entry<K, V> iterated(Map.Entry<K, V> entry) {
    boolean counting = statisticsEnabled;
    long start = counting ? System.nanoTime() : 0L;
    V current = engine.get(entry.getKey());
    V value = current != null ? current : entry.getValue();
    DualCacheEntry<K, V> result =
        new DualCacheEntry<>(copies.out(entry.getKey()), copies.out(value));
    if (counting) {
      countRead(true, start);
    }
    return result;
  }

  /** Removes an entry returned by the iterator, as {@link #remove(Object)} does. */
  void removeIterated(K storedKey, K publicKey) {
    boolean counting = statisticsEnabled;
    long start = counting ? System.nanoTime() : 0L;
    boolean removed =
        engine.compute(
            storedKey,
            e -> {
              if (writeThrough != null) {
                writeThrough.delete(publicKey);
              }
              return removeIfPresent(e);
            });
    if (counting && removed) {
      statistics.recordRemovals(1);
      statistics.recordRemoveTime(start);
    }
  }

  // ================================================================ listeners

  @Override
  public void registerCacheEntryListener(CacheEntryListenerConfiguration<K, V> listener) {
    checkOpen();
    Objects.requireNonNull(listener, "listener configuration must not be null");
    synchronized (lock) {
      configuration.addCacheEntryListenerConfiguration(listener); // IAE if registered already
      try {
        events.register(listener);
      } catch (RuntimeException | Error e) { // a factory failed: not registered
        configuration.removeCacheEntryListenerConfiguration(listener);
        throw e;
      }
    }
  }

  @Override
  public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> listener) {
    Objects.requireNonNull(listener, "listener configuration must not be null");
    ListenerRegistration<K, V> removed;
    synchronized (lock) {
      configuration.removeCacheEntryListenerConfiguration(listener);
      removed = events.deregister(listener);
    }
    if (removed != null) {
      Closeables.closeQuietly(removed.listener(), "listener of cache " + name);
    }
  }

  // ================================================================ configuration, management

  @Override
  public <C extends Configuration<K, V>> C getConfiguration(Class<C> clazz) {
    DualCacheConfiguration<K, V> copy = configurationCopy();
    if (clazz.isInstance(copy)) {
      return clazz.cast(copy);
    }
    throw new IllegalArgumentException(
        "the configuration of cache \""
            + name
            + "\" is a "
            + DualCacheConfiguration.class.getName()
            + ", which is not a "
            + clazz.getName());
  }

  /** A copy of the current configuration: changing it does not change the cache. */
  DualCacheConfiguration<K, V> configurationCopy() {
    synchronized (lock) {
      return new DualCacheConfiguration<>(configuration);
    }
  }

  /** Turns statistics on or off (the MXBean is registered while they are on). */
  void setStatisticsEnabled(boolean enabled) {
    synchronized (lock) {
      configuration.setStatisticsEnabled(enabled);
      statisticsEnabled = enabled;
      if (enabled && !closing) {
        MBeanRegistrar.register(statisticsBeanName, statistics);
      } else {
        MBeanRegistrar.unregister(statisticsBeanName);
      }
    }
  }

  /** Registers or unregisters the configuration MXBean. */
  void setManagementEnabled(boolean enabled) {
    synchronized (lock) {
      configuration.setManagementEnabled(enabled);
      if (enabled && !closing) {
        MBeanRegistrar.register(
            configurationBeanName, new CacheConfigurationBean(this::configurationCopy));
      } else {
        MBeanRegistrar.unregister(configurationBeanName);
      }
    }
  }

  /** The statistics, whether or not they are being counted. */
  CacheStatistics statistics() {
    return statistics;
  }

  private void countEviction() {
    if (statisticsEnabled) {
      statistics.recordEviction();
    }
  }

  private void countRead(boolean hit, long start) {
    if (hit) {
      statistics.recordHits(1);
    } else {
      statistics.recordMisses(1);
    }
    statistics.recordGetTime(start);
  }

  // ================================================================ life cycle

  @Override
  public String getName() {
    return name;
  }

  @Override
  public CacheManager getCacheManager() {
    return manager;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Unregisters the MXBeans, stops the engine's threads and closes the loader, writer, expiry
   * policy and listeners that implement {@link AutoCloseable}.
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (closing) {
        return;
      }
      closing = true;
      MBeanRegistrar.unregister(configurationBeanName);
      MBeanRegistrar.unregister(statisticsBeanName);
    }
    manager.release(this);
    // Outside the lock: close() waits for the engine's daemon, which may be running a listener
    // that calls back into this cache (getConfiguration takes the lock).
    engine.close();
    List<ListenerRegistration<K, V>> listeners = events.deregisterAll();
    String owner = "cache " + name;
    if (loader != null) {
      Closeables.closeQuietly(loader.loader(), "loader of " + owner);
    }
    if (writeThrough != null) {
      Closeables.closeQuietly(writeThrough.writer(), "writer of " + owner);
    }
    Closeables.closeQuietly(expiry.policy(), "expiry policy of " + owner);
    for (ListenerRegistration<K, V> listener : listeners) {
      Closeables.closeQuietly(listener.listener(), "listener of " + owner);
    }
  }

  @Override
  public boolean isClosed() {
    return engine.isClosed();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Unwraps to this class and to the engine, {@link DualCache}.
   */
  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    if (clazz.isInstance(engine)) {
      return clazz.cast(engine);
    }
    throw new IllegalArgumentException(
        "cache \"" + name + "\" cannot be unwrapped to " + clazz.getName());
  }

  @Override
  public String toString() {
    return "DualJCache[" + name + "]";
  }

  // ================================================================ checks

  private void checkOpen() {
    if (engine.isClosed()) {
      throw new IllegalStateException("cache \"" + name + "\" is closed");
    }
  }

  /**
   * Throws for a null key: {@link IllegalStateException} if the cache is closed (the spec's order),
   * else {@link NullPointerException}. A non-null key costs one compare.
   */
  private void requireKey(K key) {
    if (key == null) {
      checkOpen();
      throw new NullPointerException("key must not be null");
    }
  }

  /** The checks of a write: open, no nulls, the configured types. */
  private void checkWrite(K key, V value) {
    checkOpen();
    Objects.requireNonNull(key, "key must not be null");
    Objects.requireNonNull(value, "value must not be null");
    types.check(key, value);
  }

  private static void requireNoNullKeys(Set<?> keys, String operation) {
    Objects.requireNonNull(keys, operation + " keys must not be null");
    for (Object key : keys) {
      Objects.requireNonNull(key, operation + " keys must not contain null");
    }
  }

  // ================================================================ outcomes of computes

  /** How a conditional operation went, for the statistics. */
  private enum Outcome {
    /** The key was absent. */
    MISS,
    /** The key was present, nothing changed. */
    HIT,
    /** The operation changed the entry (for putIfAbsent: created it). */
    CHANGED
  }

  /** The previous value and whether the entry changed. */
  private static final class Change<V> {
    final V previous;
    final boolean changed;

    Change(V previous, boolean changed) {
      this.previous = previous;
      this.changed = changed;
    }
  }

  /** What an entry processor returned and did. */
  private static final class Invocation<T> {
    final T result;
    final boolean existed;
    final ProcessorEntry.Operation operation;
    final boolean changed;

    Invocation(T result, boolean existed, ProcessorEntry.Operation operation, boolean changed) {
      this.result = result;
      this.existed = existed;
      this.operation = operation;
      this.changed = changed;
    }
  }
}
