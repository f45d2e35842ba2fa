package io.dualcache.jcache;

import io.dualcache.engine.DualCache;
import io.dualcache.engine.KeyValueStore;
import io.dualcache.jcache.EntryWrites.Outcome;
import io.dualcache.jcache.event.EventDispatcher;
import io.dualcache.jcache.event.ListenerRegistration;
import io.dualcache.jcache.usercode.Closeables;
import io.dualcache.jcache.usercode.Copies;
import io.dualcache.redis.SharedCacheException;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.integration.CompletionListener;
import javax.cache.management.CacheStatisticsMXBean;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorResult;

/**
 * The JSR-107 {@link Cache} of DualCache: maps each operation of the spec onto the engine. Reads go
 * straight to the engine's wait-free {@link DualCache#get}; every write is one atomic {@link
 * DualCache#compute} of its key, in which the operation writes through, asks the expiry policy and
 * changes the entry ({@link EntryWrites}), so that a failing writer or loader leaves the cache
 * unchanged. Events come from the engine's listener ({@link EventDispatcher}).
 *
 * <p>This class keeps the operations on one key, listener registration and the life cycle. Beside
 * it, each with one job: {@link CacheParts} assembles the cache from its configuration (and closes
 * what it made), {@link BulkOperations} runs the operations on many keys, {@link EntryProcessors}
 * runs entry processors, {@link JCacheIterator} iterates, {@link LiveConfiguration} keeps the
 * configuration while the cache runs, {@link CacheMXBeans} registers the MXBeans and {@link
 * CacheStatistics} counts, with its own on/off switch.
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
  private final CacheParts<K, V> parts;

  /** The engine, or for a cache shared through Redis, the shared cache. */
  private final KeyValueStore<K, V> store;

  /** The loader that reads serve while Redis is down ({@code on-redis-down = load}); or null. */
  private final ReadThrough<K, V> loaderWhenRedisDown;

  private final Copies copies;
  private final boolean storeByValue;
  private final ExpiryPolicyAdapter<K, V> expiry;

  /** The loader when the cache reads through; null otherwise. */
  private final ReadThrough<K, V> readThrough;

  /**
   * The engine, when a get with statistics off is nothing but the engine's get: the store is the
   * engine (not a shared cache), values are kept by reference and nothing reads through. Null
   * otherwise. Such a hit then costs this cache a field load and the statistics switch, no more.
   */
  private final DualCache<K, V> engineGets;

  /** Whether a put needs nothing but the engine's put: no writer, and eternal entries. */
  private final boolean plainPuts;

  /** The configured types, checked on every write. */
  private final TypeCheck types;

  private final CacheStatistics statistics = new CacheStatistics();
  private final EntryWrites<K, V> writes;
  private final BulkOperations<K, V> bulk;
  private final EntryProcessors<K, V> processors;
  private final LiveConfiguration<K, V> live;

  DualJCache(
      DualCacheManager manager,
      String name,
      DualCacheConfiguration<K, V> configuration,
      ClassLoader classLoader) {
    this.manager = manager;
    this.name = name;
    this.parts =
        CacheParts.assemble(
            this, configuration, classLoader, statistics::recordEviction, manager.sharedStores());
    this.store = parts.store();
    CacheMetricsBean metrics =
        new CacheMetricsBean(parts.engine().metrics(), store != parts.engine());
    this.live = new LiveConfiguration<>(configuration, statistics, metrics, manager.getURI(), name);
    this.loaderWhenRedisDown =
        store != parts.engine() && manager.sharedStores().loadsWhenRedisDown()
            ? parts.loader()
            : null;
    this.copies = parts.copies();
    this.storeByValue = configuration.isStoreByValue();
    this.expiry = parts.expiry();
    this.readThrough = parts.readThrough();
    this.engineGets =
        store == parts.engine() && !storeByValue && readThrough == null ? parts.engine() : null;
    this.plainPuts = !parts.writer().writes() && expiry.isEternal();
    this.types = parts.types();
    this.writes = new EntryWrites<>(store, copies, expiry, parts.writer());
    this.bulk = new BulkOperations<>(name, parts, statistics, writes);
    this.processors = new EntryProcessors<>(name, parts, statistics, writes);
    try {
      live.setManagementEnabled(configuration.isManagementEnabled());
      live.setStatisticsEnabled(configuration.isStatisticsEnabled());
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
    if (statistics.isEnabled()) {
      return getCounting(key);
    }
    // A closed engine is empty and throws on a miss: a hit needs no open check.
    DualCache<K, V> engine = engineGets;
    if (engine != null) {
      return engine.get(key);
    }
    V value;
    try {
      value = store.get(key); // records the hit, applies the access expiry
    } catch (SharedCacheException e) {
      return loadWhileRedisDown(key, e);
    }
    if (value != null) {
      return storeByValue ? copies.out(value) : value;
    }
    return readThrough == null ? null : loadMissing(key);
  }

  private V getCounting(K key) {
    long start = statistics.start();
    V value;
    try {
      value = store.get(key);
    } catch (SharedCacheException e) {
      statistics.recordMisses(start, 1);
      return loadWhileRedisDown(key, e);
    }
    if (value != null) {
      statistics.recordHits(start, 1);
      V result = copies.out(value);
      statistics.recordGetTime(start);
      return result;
    }
    statistics.recordMisses(start, 1);
    V loaded = readThrough == null ? null : loadMissing(key);
    statistics.recordGetTime(start);
    return loaded;
  }

  /**
   * A read of a shared cache that could not reach Redis: the loader's value, not stored, when the
   * manager says {@code on-redis-down = load} and the cache has a loader; else the failure.
   */
  private V loadWhileRedisDown(K key, SharedCacheException failure) {
    if (loaderWhenRedisDown == null) {
      throw failure;
    }
    return loaderWhenRedisDown.load(key);
  }

  /** Loads the value of a key found absent and stores it, unless another thread stored one. */
  private V loadMissing(K key) {
    return store.compute(
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

  /** {@inheritDoc} See {@link BulkOperations}. */
  @Override
  public Map<K, V> getAll(Set<? extends K> keys) {
    return bulk.getAll(keys);
  }

  /** {@inheritDoc} A pure read: no statistics, no expiry change, never loads. */
  @Override
  public boolean containsKey(K key) {
    requireKey(key);
    return store.containsKey(key);
  }

  /** {@inheritDoc} See {@link BulkLoad}: the listener always hears exactly once how it ended. */
  @Override
  public void loadAll(
      Set<? extends K> keys, boolean replaceExistingValues, CompletionListener listener) {
    bulk.loadAll(keys, replaceExistingValues, listener);
  }

  // ================================================================ writes

  @Override
  public void put(K key, V value) {
    long start = startWrite(key, value);
    K storedKey = copies.in(key);
    V storedValue = copies.in(value);
    boolean stored;
    if (plainPuts) {
      store.put(storedKey, storedValue); // nothing to write or time: the plain put, no allocation
      stored = true;
    } else {
      stored = store.compute(storedKey, e -> writes.store(e, key, value, storedValue, true));
    }
    if (stored) {
      statistics.recordPuts(start, 1);
    }
  }

  @Override
  public V getAndPut(K key, V value) {
    long start = startWrite(key, value);
    K storedKey = copies.in(key);
    V storedValue = copies.in(value);
    Change<V> change =
        store.compute(
            storedKey,
            e -> {
              V previous = e.value();
              return new Change<>(previous, writes.store(e, key, value, storedValue, true));
            });
    statistics.recordGetAndPut(start, change.previous() != null, change.changed());
    return change.previous(); // no longer in the cache: the caller may have it without a copy
  }

  /** {@inheritDoc} See {@link BulkOperations}. */
  @Override
  public void putAll(Map<? extends K, ? extends V> map) {
    bulk.putAll(map);
  }

  @Override
  public boolean putIfAbsent(K key, V value) {
    long start = startWrite(key, value);
    K storedKey = copies.in(key);
    V storedValue = copies.in(value);
    Outcome outcome =
        store.compute(
            storedKey,
            e -> {
              if (e.exists()) {
                return Outcome.HIT;
              }
              return writes.store(e, key, value, storedValue, true)
                  ? Outcome.CHANGED
                  : Outcome.MISS;
            });
    statistics.recordGetAndPut(start, outcome == Outcome.HIT, outcome == Outcome.CHANGED);
    return outcome == Outcome.CHANGED;
  }

  @Override
  public boolean remove(K key) {
    checkKey(key);
    long start = statistics.start();
    boolean removed = writes.removeAndGet(key) != null;
    if (removed) {
      statistics.recordRemovals(start, 1);
    }
    return removed;
  }

  @Override
  public boolean remove(K key, V oldValue) {
    checkKey(key);
    Objects.requireNonNull(oldValue, "oldValue must not be null");
    long start = statistics.start();
    Outcome outcome = writes.compareAndSet(key, oldValue, null, null);
    statistics.recordGetAndRemove(start, outcome != Outcome.MISS, outcome == Outcome.CHANGED);
    return outcome == Outcome.CHANGED;
  }

  @Override
  public V getAndRemove(K key) {
    checkKey(key);
    long start = statistics.start();
    V previous = writes.removeAndGet(key);
    statistics.recordGetAndRemove(start, previous != null, previous != null);
    return previous; // no longer in the cache: the caller may have it without a copy
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    checkOpen();
    Objects.requireNonNull(oldValue, "oldValue must not be null");
    long start = startWrite(key, newValue);
    Outcome outcome = writes.compareAndSet(key, oldValue, newValue, copies.in(newValue));
    statistics.recordGetAndPut(start, outcome != Outcome.MISS, outcome == Outcome.CHANGED);
    return outcome == Outcome.CHANGED;
  }

  @Override
  public boolean replace(K key, V value) {
    return getAndReplace(key, value) != null;
  }

  @Override
  public V getAndReplace(K key, V value) {
    long start = startWrite(key, value);
    V storedValue = copies.in(value);
    V previous =
        store.compute(
            key,
            e -> {
              V current = e.value();
              if (current != null) {
                writes.replace(e, key, value, storedValue);
              }
              return current;
            });
    statistics.recordGetAndPut(start, previous != null, previous != null);
    return previous; // no longer in the cache: the caller may have it without a copy
  }

  /** {@inheritDoc} See {@link BulkOperations}. */
  @Override
  public void removeAll(Set<? extends K> keys) {
    bulk.removeAll(keys);
  }

  /** {@inheritDoc} See {@link BulkOperations}. */
  @Override
  public void removeAll() {
    bulk.removeAll();
  }

  /** {@inheritDoc} Fires no event, calls no writer and counts nothing. */
  @Override
  public void clear() {
    checkOpen();
    store.clear();
  }

  // ================================================================ entry processors

  /** {@inheritDoc} See {@link EntryProcessors}. */
  @Override
  public <T> T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
    return processors.invoke(key, processor, arguments);
  }

  /** {@inheritDoc} See {@link EntryProcessors}. */
  @Override
  public <T> Map<K, EntryProcessorResult<T>> invokeAll(
      Set<? extends K> keys, EntryProcessor<K, V, T> processor, Object... arguments) {
    return processors.invokeAll(keys, processor, arguments);
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
    return new JCacheIterator<>(parts, statistics);
  }

  // ================================================================ listeners

  @Override
  public void registerCacheEntryListener(CacheEntryListenerConfiguration<K, V> listener) {
    checkOpen();
    Objects.requireNonNull(listener, "listener configuration must not be null");
    live.register(listener, parts.events()); // IAE if registered already
  }

  @Override
  public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> listener) {
    Objects.requireNonNull(listener, "listener configuration must not be null");
    ListenerRegistration<K, V> removed = live.deregister(listener, parts.events());
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
    return live.copy();
  }

  /** Turns statistics on or off (the MXBean is registered while they are on). */
  void setStatisticsEnabled(boolean enabled) {
    live.setStatisticsEnabled(enabled);
  }

  /** Registers or unregisters the configuration MXBean. */
  void setManagementEnabled(boolean enabled) {
    live.setManagementEnabled(enabled);
  }

  /** The statistics, whether or not they are being counted. */
  CacheStatistics statistics() {
    return statistics;
  }

  /**
   * The cache's JSR-107 statistics, the object its {@code CacheStatistics} MXBean shows, for
   * monitoring code that reads them without JMX (such as {@code
   * io.dualcache.micrometer.DualCacheMetrics}). They count only while statistics are enabled.
   */
  public CacheStatisticsMXBean statisticsMXBean() {
    return statistics;
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
    if (!live.close()) {
      return; // closed, or closing, already
    }
    manager.release(this);
    // Outside the configuration's lock: this waits for the engine's daemon, which may be running a
    // listener that calls back into this cache (getConfiguration takes the lock).
    parts.close(name);
  }

  /**
   * Clears and closes the cache, for {@link DualCacheManager#destroyCache}. Another thread may
   * close it first, at any point: that is no failure of the destroy, whose caller then finds it
   * closed as asked (a shared cache closed that way keeps its Redis keys, as after a close).
   */
  void destroy() {
    try {
      clear();
    } catch (IllegalStateException e) {
      if (!isClosed()) {
        throw e;
      }
    }
    close();
  }

  @Override
  public boolean isClosed() {
    return store.isClosed();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Unwraps to this class and to the engine, {@link DualCache}; a cache shared through Redis
   * also to its {@link io.dualcache.redis.SharedCache} (near and Redis hits), and then {@code
   * DualCache} is its near cache.
   */
  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    if (clazz.isInstance(store)) {
      return clazz.cast(store);
    }
    if (clazz.isInstance(parts.engine())) {
      return clazz.cast(parts.engine()); // the near cache of a shared cache
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
    Checks.open(store, name);
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

  /** The checks of an operation on a key that is not a plain read: open, no null key. */
  private void checkKey(K key) {
    checkOpen();
    Objects.requireNonNull(key, "key must not be null");
  }

  /** The checks of a write (open, no nulls, the configured types); returns its statistics start. */
  private long startWrite(K key, V value) {
    checkKey(key);
    Objects.requireNonNull(value, "value must not be null");
    types.check(key, value);
    return statistics.start();
  }

  // ================================================================ outcomes of computes

  /** The previous value and whether the entry changed. */
  private record Change<V>(V previous, boolean changed) {}
}
