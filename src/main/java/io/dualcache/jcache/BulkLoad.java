package io.dualcache.jcache;

import io.dualcache.engine.KeyValueStore;
import io.dualcache.jcache.usercode.FirstFailure;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CompletionListener;

/**
 * {@code Cache.loadAll}: loads on the cache's executor and stores what the loader returned, then
 * tells the {@link CompletionListener} how it went: <b>exactly one</b> of {@code onCompletion} and
 * {@code onException}, whatever the loader, the listeners or the executor did.
 *
 * <ul>
 *   <li>The loader fails: {@code onException} gets its {@code CacheLoaderException} (a
 *       RuntimeException wrapped in one, as for any load), or, for an Error, a {@code
 *       CacheLoaderException} whose cause is the Error ({@code onException} takes an Exception);
 *       nothing is stored.
 *   <li>Storing one key fails (a synchronous listener threw, say): the other keys are still stored,
 *       then {@code onException} gets the first failure (an Error wrapped as above).
 *   <li>The executor rejects the task: {@code onException} is called in the caller's thread.
 *   <li>The listener itself throws: logged; it is not called again.
 * </ul>
 *
 * Without a listener, a failure is logged.
 */
final class BulkLoad<K, V> {

  private static final System.Logger LOG = System.getLogger(BulkLoad.class.getName());

  /** Stores one loaded value, as {@link EntryWrites#storeLoaded} does. */
  @FunctionalInterface
  interface Store<K, V> {
    void store(K key, V value, boolean replace);
  }

  private final String cacheName;
  private final KeyValueStore<K, V> entries;
  private final ReadThrough<K, V> loader;
  private final Executor executor;
  private final Store<K, V> store;

  BulkLoad(
      String cacheName,
      KeyValueStore<K, V> entries,
      ReadThrough<K, V> loader,
      Executor executor,
      Store<K, V> store) {
    this.cacheName = cacheName;
    this.entries = entries;
    this.loader = loader;
    this.executor = executor;
    this.store = store;
  }

  /** Starts the load of {@code keys}; returns at once. */
  void start(Collection<? extends K> keys, boolean replace, CompletionListener listener) {
    List<K> toLoad = new ArrayList<>(keys);
    AtomicBoolean completed = new AtomicBoolean(); // an odd executor may run it and then throw
    try {
      executor.execute(() -> complete(listener, completed, loadAndStore(toLoad, replace)));
    } catch (RuntimeException | Error e) { // RejectedExecutionException, or a broken executor
      complete(
          listener,
          completed,
          new CacheLoaderException(
              "loadAll of cache \"" + cacheName + "\" could not start on its executor", e));
    }
  }

  /** Loads and stores; returns the failure to report, or null. */
  private Throwable loadAndStore(List<K> keys, boolean replace) {
    try {
      List<K> toLoad = new ArrayList<>(keys.size());
      for (K key : keys) {
        if (replace || !entries.containsKey(key)) {
          toLoad.add(key);
        }
      }
      if (toLoad.isEmpty()) {
        return null;
      }
      Map<K, V> loaded;
      try {
        loaded = loader.loadAll(toLoad);
      } catch (Error e) {
        return new CacheLoaderException(
            "the loader of cache \"" + cacheName + "\" failed to load " + toLoad + ": " + e, e);
      }
      if (loaded == null) {
        return null;
      }
      FirstFailure failure = new FirstFailure("loadAll", cacheName);
      for (K key : toLoad) {
        V value = loaded.get(key);
        if (value != null) {
          try {
            store.store(key, value, replace);
          } catch (RuntimeException | Error e) { // this key's listener or copy: the rest go on
            failure.add(e);
          }
        }
      }
      return failure.get();
    } catch (RuntimeException | Error e) {
      return e;
    }
  }

  private void complete(CompletionListener listener, AtomicBoolean completed, Throwable failure) {
    if (!completed.compareAndSet(false, true)) {
      return;
    }
    if (listener == null) {
      if (failure != null) {
        LOG.log(Level.WARNING, "loadAll of cache \"" + cacheName + "\" failed", failure);
      }
      return;
    }
    try {
      if (failure == null) {
        listener.onCompletion();
      } else {
        listener.onException(asException(failure));
      }
    } catch (RuntimeException | Error e) {
      LOG.log(
          Level.WARNING,
          "the CompletionListener of a loadAll of cache \"" + cacheName + "\" threw",
          e);
    }
  }

  private Exception asException(Throwable failure) {
    if (failure instanceof Exception e) {
      return e;
    }
    return new CacheLoaderException(
        "loadAll of cache \"" + cacheName + "\" failed: " + failure, failure);
  }
}
