package io.dualcache.jcache;

import io.dualcache.engine.DualCache;
import io.dualcache.engine.DualCacheBuilder;
import io.dualcache.engine.KeyValueStore;
import io.dualcache.jcache.event.EventDispatcher;
import io.dualcache.jcache.event.ListenerRegistration;
import io.dualcache.jcache.usercode.Closeables;
import io.dualcache.jcache.usercode.Copies;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.configuration.CacheEntryListenerConfiguration;

/**
 * The parts of one cache, assembled from its configuration by {@link #assemble}, and closed again
 * by {@link #close}: where the entries live, and the objects the configuration's factories make.
 *
 * @param store the engine, with {@code events} as its listener; or, for a cache shared through
 *     Redis, the shared cache, which tells {@code events} what this JVM changes
 * @param engine the engine: {@code store} itself, or the near cache of a shared one
 * @param copies how keys and values cross the cache's boundary
 * @param types the configured key and value types
 * @param expiry the expiry policy
 * @param loader the loader, for {@code loadAll}; null without one
 * @param readThrough the loader when the cache reads through, else null
 * @param writer the writer when the cache writes through, else {@link WriteThrough#none()}
 * @param events the listener registrations
 * @param executor runs {@code loadAll} and asynchronous listeners
 */
record CacheParts<K, V>(
    KeyValueStore<K, V> store,
    DualCache<K, V> engine,
    Copies copies,
    TypeCheck types,
    ExpiryPolicyAdapter<K, V> expiry,
    ReadThrough<K, V> loader,
    ReadThrough<K, V> readThrough,
    WriteThrough<K, V> writer,
    EventDispatcher<K, V> events,
    Executor executor) {

  /**
   * Makes the parts of {@code cache}. The engine's settings are checked first, so bad ones fail
   * before any user object exists; if a factory fails, whatever the others made is closed.
   *
   * @throws IllegalArgumentException if a setting is outside what the engine accepts
   */
  static <K, V> CacheParts<K, V> assemble(
      Cache<K, V> cache,
      DualCacheConfiguration<K, V> configuration,
      ClassLoader classLoader,
      Runnable evictionCounter,
      SharedStores shared) {
    String name = cache.getName();
    Copier copier =
        configuration.getCopier() != null ? configuration.getCopier() : SerializingCopier.INSTANCE;
    Copies copies =
        new Copies(
            configuration.isStoreByValue(),
            copier,
            classLoader,
            name,
            configuration.getImmutableTypes());
    TypeCheck types = new TypeCheck(configuration.getKeyType(), configuration.getValueType(), name);
    Executor executor =
        configuration.getExecutor() != null
            ? configuration.getExecutor()
            : ForkJoinPool.commonPool();
    DualCacheBuilder<K, V> builder = engineBuilder(configuration, name);
    List<Object> created = new ArrayList<>(); // what to close if a later step fails
    try {
      ExpiryPolicyAdapter<K, V> expiry =
          new ExpiryPolicyAdapter<>(configuration.getExpiryPolicyFactory().create());
      created.add(expiry.policy());
      ReadThrough<K, V> loader =
          configuration.getCacheLoaderFactory() == null
              ? null
              : new ReadThrough<>(configuration.getCacheLoaderFactory().create(), name);
      created.add(loader == null ? null : loader.loader());
      SharedStores sharedStores = shared(configuration, shared, name);
      if (configuration.getRefreshAfterWrite().isPresent()) {
        refreshAhead(name, builder, configuration, loader, sharedStores != null, copies, executor);
      }
      WriteThrough<K, V> writer =
          configuration.isWriteThrough() && configuration.getCacheWriterFactory() != null
              ? WriteThrough.to(configuration.getCacheWriterFactory().create(), name)
              : WriteThrough.none();
      created.add(writer.writer());
      EventDispatcher<K, V> events =
          new EventDispatcher<>(cache, copies, evictionCounter, executor);
      for (CacheEntryListenerConfiguration<K, V> listener :
          configuration.getCacheEntryListenerConfigurations()) {
        created.add(events.register(listener).listener());
      }
      KeyValueStore<K, V> store = build(name, builder, events, expiry, sharedStores);
      return new CacheParts<>(
          store,
          store instanceof DualCache<K, V> local ? local : SharedStores.nearCacheOf(store),
          copies,
          types,
          expiry,
          loader,
          configuration.isReadThrough() ? loader : null,
          writer,
          events,
          executor);
    } catch (RuntimeException | Error e) { // a factory failed: close what the others made
      created.forEach(object -> Closeables.closeQuietly(object, "part of failed cache " + name));
      throw e;
    }
  }

  /**
   * Stops the engine's threads, then closes the loader, writer, expiry policy and listeners that
   * implement {@link AutoCloseable}; a failure to close one is logged and the others are closed.
   */
  void close(String cacheName) {
    store.close();
    List<ListenerRegistration<K, V>> listeners = events.deregisterAll();
    String owner = "cache " + cacheName;
    if (loader != null) {
      Closeables.closeQuietly(loader.loader(), "loader of " + owner);
    }
    Closeables.closeQuietly(writer.writer(), "writer of " + owner);
    Closeables.closeQuietly(expiry.policy(), "expiry policy of " + owner);
    for (ListenerRegistration<K, V> listener : listeners) {
      Closeables.closeQuietly(listener.listener(), "listener of " + owner);
    }
  }

  /** A builder with the bound and tuning of {@code configuration}, each checked by the builder. */
  private static <K, V> DualCacheBuilder<K, V> engineBuilder(
      DualCacheConfiguration<K, V> configuration, String cacheName) {
    DualCacheBuilder<K, V> builder = DualCache.<K, V>builder().name("jcache-" + cacheName);
    configuration.getMaximumSize().ifPresent(builder::maximumSize);
    configuration
        .getMaximumWeight()
        .ifPresent(weight -> builder.maximumWeight(weight, configuration.getWeigher()));
    if (configuration.getInitialCapacity() >= 0) {
      builder.initialCapacity(configuration.getInitialCapacity());
    }
    if (configuration.getHotTierT1Slots() > 0 || configuration.getHotTierT2Slots() > 0) {
      builder.hotTiers(configuration.getHotTierT1Slots(), configuration.getHotTierT2Slots());
    }
    if (configuration.getTickDuration() != null) {
      builder.tickDuration(configuration.getTickDuration());
    }
    if (configuration.getConcurrencyLevel() > 0) {
      builder.concurrencyLevel(configuration.getConcurrencyLevel());
    }
    return builder;
  }

  /**
   * Sets refresh-ahead on {@code builder}: entries are reloaded from {@code loader} on {@code
   * executor}, and each reloaded value is stored as a load stores (a copy when by value).
   *
   * @throws IllegalArgumentException if the cache does not read through, or is shared
   */
  private static <K, V> void refreshAhead(
      String name,
      DualCacheBuilder<K, V> builder,
      DualCacheConfiguration<K, V> configuration,
      ReadThrough<K, V> loader,
      boolean shared,
      Copies copies,
      Executor executor) {
    String cache = "cache \"" + name + "\"";
    if (!configuration.isReadThrough() || loader == null) {
      throw new IllegalArgumentException(
          cache
              + " sets refresh-after-write, which reloads entries from the cache loader: it"
              + " needs read-through = true and a loader");
    }
    if (shared) {
      throw new IllegalArgumentException(
          cache
              + " is shared through Redis, where refresh-after-write is not supported yet: set"
              + " shared = false, or drop refresh-after-write");
    }
    builder
        .refreshAfterWrite(
            configuration.getRefreshAfterWrite().orElseThrow(),
            (key, old) -> {
              V loaded = loader.load(copies.out(key));
              return loaded == null ? null : copies.in(loaded);
            })
        .refreshExecutor(executor);
  }

  /**
   * The manager's Redis if {@code configuration} is shared: when it says so, else when the manager
   * has one and the cache stores by value; null for a local cache. A store-by-reference cache stays
   * local unless it asks to be shared: a value that comes from Redis is always a copy, and its keys
   * and values need not be serializable.
   *
   * @throws CacheException if the configuration asks for sharing and the manager has no Redis
   */
  private static SharedStores shared(
      DualCacheConfiguration<?, ?> configuration, SharedStores shared, String name) {
    boolean isShared =
        configuration.getShared().orElse(shared != null && configuration.isStoreByValue());
    if (isShared && shared == null) {
      throw new CacheException(
          "cache \""
              + name
              + "\" is configured shared = true, but its manager has no Redis (a dualcache.redis"
              + " block in the configuration file, or the dualcache.redis.uri property)");
    }
    return isShared ? shared : null;
  }

  /**
   * Builds the engine with {@code events} as its listener, and with {@code expiry} unless every
   * entry is eternal (then the engine needs no clock and skips the deadline check on reads); or,
   * with {@code shared}, the shared cache with the engine as its near cache.
   */
  private static <K, V> KeyValueStore<K, V> build(
      String name,
      DualCacheBuilder<K, V> builder,
      EventDispatcher<K, V> events,
      ExpiryPolicyAdapter<K, V> expiry,
      SharedStores shared) {
    if (shared != null) {
      return shared.open(name, builder, expiry.isEternal() ? null : expiry, events);
    }
    builder.listener(events);
    if (!expiry.isEternal()) {
      builder.expiry(expiry);
    }
    return builder.build();
  }
}
