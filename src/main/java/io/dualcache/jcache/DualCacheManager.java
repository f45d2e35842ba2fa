package io.dualcache.jcache;

import java.lang.ref.WeakReference;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.spi.CachingProvider;

/**
 * The {@link CacheManager} of DualCache: owns the caches of one (URI, ClassLoader) pair of a {@link
 * DualCachingProvider}. Obtain it with {@code Caching.getCachingProvider().getCacheManager()}.
 */
public final class DualCacheManager implements CacheManager {

  private final DualCachingProvider provider;
  private final URI uri;
  private final Properties properties;

  /** Weak: the provider maps class loaders weakly to their managers, and we must not pin them. */
  private final WeakReference<ClassLoader> classLoader;

  /**
   * The open caches by name. Added to under this map's monitor (so a name is created once), removed
   * from by closing caches, read without a lock by getCache (the map's own happens-before).
   */
  private final ConcurrentMap<String, DualJCache<?, ?>> caches = new ConcurrentHashMap<>();

  /** Set once by {@link #close}, read by every call (volatile). */
  private volatile boolean closed;

  DualCacheManager(
      DualCachingProvider provider, URI uri, ClassLoader classLoader, Properties properties) {
    this.provider = provider;
    this.uri = uri;
    this.classLoader = new WeakReference<>(classLoader);
    this.properties = new Properties();
    this.properties.putAll(properties);
  }

  @Override
  public CachingProvider getCachingProvider() {
    return provider;
  }

  @Override
  public URI getURI() {
    return uri;
  }

  @Override
  public ClassLoader getClassLoader() {
    return classLoader.get();
  }

  @Override
  public Properties getProperties() {
    return properties;
  }

  /**
   * {@inheritDoc}
   *
   * <p>A {@link DualCacheConfiguration} adds a bound and the engine's tuning; any other {@link
   * CompleteConfiguration} gives an unbounded cache with the engine's defaults.
   *
   * @throws IllegalArgumentException if a DualCache setting is outside the engine's range
   */
  @Override
  public <K, V, C extends Configuration<K, V>> Cache<K, V> createCache(
      String cacheName, C configuration) {
    checkOpen();
    Objects.requireNonNull(cacheName, "cacheName must not be null");
    Objects.requireNonNull(configuration, "configuration must not be null");
    synchronized (caches) {
      checkOpen(); // again: close() may have run since the first check
      if (caches.containsKey(cacheName)) {
        throw new CacheException(
            "cache manager " + uri + " has a cache named \"" + cacheName + "\" already");
      }
      DualJCache<K, V> cache =
          new DualJCache<>(this, cacheName, copyOf(configuration), classLoaderOrFail());
      caches.put(cacheName, cache);
      return cache;
    }
  }

  private static <K, V> DualCacheConfiguration<K, V> copyOf(Configuration<K, V> configuration) {
    if (configuration instanceof CompleteConfiguration<K, V> complete) {
      return new DualCacheConfiguration<>(complete);
    }
    DualCacheConfiguration<K, V> copy = new DualCacheConfiguration<>();
    copy.setTypes(configuration.getKeyType(), configuration.getValueType());
    copy.setStoreByValue(configuration.isStoreByValue());
    return copy;
  }

  private ClassLoader classLoaderOrFail() {
    ClassLoader loader = classLoader.get();
    if (loader == null) {
      throw new IllegalStateException("the class loader of cache manager " + uri + " is gone");
    }
    return loader;
  }

  /**
   * {@inheritDoc}
   *
   * @throws ClassCastException if the cache was configured with other key or value types
   */
  @Override
  public <K, V> Cache<K, V> getCache(String cacheName, Class<K> keyType, Class<V> valueType) {
    checkOpen();
    Objects.requireNonNull(cacheName, "cacheName must not be null");
    Objects.requireNonNull(keyType, "keyType must not be null");
    Objects.requireNonNull(valueType, "valueType must not be null");
    DualJCache<?, ?> cache = caches.get(cacheName);
    if (cache == null) {
      return null;
    }
    CompleteConfiguration<?, ?> configuration = cache.configurationCopy();
    if (!keyType.equals(configuration.getKeyType())) {
      throw new ClassCastException(
          "cache \""
              + cacheName
              + "\" has keys of "
              + configuration.getKeyType().getName()
              + ", not "
              + keyType.getName());
    }
    if (!valueType.equals(configuration.getValueType())) {
      throw new ClassCastException(
          "cache \""
              + cacheName
              + "\" has values of "
              + configuration.getValueType().getName()
              + ", not "
              + valueType.getName());
    }
    @SuppressWarnings("unchecked") // both types were just checked
    Cache<K, V> typed = (Cache<K, V>) cache;
    return typed;
  }

  /** {@inheritDoc} As JSR-107 1.1 requires, the types are not checked. */
  @Override
  public <K, V> Cache<K, V> getCache(String cacheName) {
    checkOpen();
    Objects.requireNonNull(cacheName, "cacheName must not be null");
    @SuppressWarnings("unchecked") // the caller asked for no check
    Cache<K, V> cache = (Cache<K, V>) caches.get(cacheName);
    return cache;
  }

  /** {@inheritDoc} An immutable snapshot. */
  @Override
  public Iterable<String> getCacheNames() {
    checkOpen();
    return Set.copyOf(caches.keySet());
  }

  @Override
  public void destroyCache(String cacheName) {
    checkOpen();
    Objects.requireNonNull(cacheName, "cacheName must not be null");
    DualJCache<?, ?> cache = caches.get(cacheName);
    if (cache != null) {
      if (!cache.isClosed()) {
        cache.clear();
      }
      cache.close();
    }
  }

  @Override
  public void enableManagement(String cacheName, boolean enabled) {
    checkOpen();
    Objects.requireNonNull(cacheName, "cacheName must not be null");
    DualJCache<?, ?> cache = caches.get(cacheName);
    if (cache != null) {
      cache.setManagementEnabled(enabled);
    }
  }

  @Override
  public void enableStatistics(String cacheName, boolean enabled) {
    checkOpen();
    Objects.requireNonNull(cacheName, "cacheName must not be null");
    DualJCache<?, ?> cache = caches.get(cacheName);
    if (cache != null) {
      cache.setStatisticsEnabled(enabled);
    }
  }

  /** {@inheritDoc} Closes every cache: their MXBeans are unregistered, their threads stopped. */
  @Override
  public void close() {
    List<DualJCache<?, ?>> toClose;
    synchronized (caches) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = new ArrayList<>(caches.values());
    }
    provider.release(this);
    for (DualJCache<?, ?> cache : toClose) {
      cache.close();
    }
    caches.clear();
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException(
        "cache manager " + uri + " cannot be unwrapped to " + clazz.getName());
  }

  /** Forgets {@code cache}, which is closing. */
  void release(DualJCache<?, ?> cache) {
    caches.remove(cache.getName(), cache);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("cache manager " + uri + " is closed");
    }
  }

  @Override
  public String toString() {
    return "DualCacheManager[" + uri + "]";
  }
}
