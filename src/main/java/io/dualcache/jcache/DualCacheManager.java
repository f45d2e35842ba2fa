package io.dualcache.jcache;

import io.dualcache.jcache.config.ConfigFiles;
import io.dualcache.jcache.config.ConfiguredExecutors;
import io.dualcache.jcache.config.ManagerSettings;
import io.dualcache.jcache.config.RedisSettings;
import io.dualcache.jcache.report.CacheFacts;
import io.dualcache.jcache.report.Reports;
import java.lang.System.Logger.Level;
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
 *
 * <p>When its URI names a configuration file (see the README; {@code dualcache.conf} on the class
 * path for the default URI), the manager reads it when it is created and fails then if anything in
 * it is wrong. The caches the file declares exist from the start. A cache made by {@link
 * #createCache} keeps every JSR-107 setting of the configuration passed in and takes from the file
 * only what JSR-107 cannot say: the bound, the engine's tuning and the executor of that name's
 * block, else of the {@code default} template. With {@code preconfigure-unknown-caches = true},
 * {@link #getCache(String)} and {@link #getCache(String, Class, Class)} return a cache built from
 * the template for any name not open yet, as the CacheManager javadoc allows for pre-configured
 * caches.
 */
public final class DualCacheManager implements CacheManager {

  /** Where the configuration report is logged when a manager with a file starts. */
  private static final System.Logger REPORT_LOG = System.getLogger("io.dualcache.jcache.report");

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

  /** What the configuration file says; {@link ManagerSettings#NONE} without one. */
  private final ManagerSettings settings;

  /** The executors made for the file's {@code executor} settings, shut down by {@link #close}. */
  private final ConfiguredExecutors executors = new ConfiguredExecutors();

  /** The manager's Redis, for its shared caches; null when it has none. */
  private final SharedStores shared;

  /**
   * The caches {@code createCache} made from a configuration that is not a DualCacheConfiguration,
   * for a name the file does not declare: a framework's caches, for the report.
   */
  private final ConcurrentMap<String, DualJCache<?, ?>> plainCaches = new ConcurrentHashMap<>();

  /** The report MXBean this manager registered, unregistered by {@link #close}; or null. */
  private volatile ManagerReportBean reportBean;

  /** Set once by {@link #close}, read by every call (volatile). */
  private volatile boolean closed;

  private DualCacheManager(
      DualCachingProvider provider,
      URI uri,
      ClassLoader classLoader,
      Properties properties,
      ManagerSettings settings) {
    this.provider = provider;
    this.uri = uri;
    this.classLoader = new WeakReference<>(classLoader);
    this.properties = new Properties();
    this.properties.putAll(properties);
    this.settings = settings;
    RedisSettings redis = RedisSettings.of(settings.redis(), properties, classLoader);
    this.shared = redis == null ? null : new SharedStores(redis, classLoader, uri.toString());
  }

  /** The manager's Redis, or null: its caches are local. */
  SharedStores sharedStores() {
    return shared;
  }

  /**
   * A manager with the caches its configuration file declares, if its URI names one.
   *
   * @throws CacheException if the file is missing or wrong, or a declared cache cannot be made; the
   *     message names the file, the cache and the key
   */
  static DualCacheManager open(
      DualCachingProvider provider, URI uri, ClassLoader classLoader, Properties properties) {
    ManagerSettings settings =
        ConfigFiles.load(uri, classLoader, uri.equals(provider.getDefaultURI()));
    DualCacheManager manager =
        new DualCacheManager(provider, uri, classLoader, properties, settings);
    manager.createDeclaredCaches();
    manager.reportBean = ManagerReportBean.register(manager);
    if (settings.logsReportAtStart()) {
      manager.logReport();
    }
    return manager;
  }

  /** Logs each finding of the report at INFO, one line each; never fails the manager. */
  private void logReport() {
    if (!REPORT_LOG.isLoggable(Level.INFO)) {
      return;
    }
    try {
      for (ConfigurationReport.Finding finding : report().findings()) {
        REPORT_LOG.log(Level.INFO, "DualCache configuration report of " + uri + ": " + finding);
      }
    } catch (RuntimeException e) {
      REPORT_LOG.log(Level.WARNING, "the configuration report of " + uri + " failed", e);
    }
  }

  /**
   * What the manager says about itself: each open cache with its effective settings, and the
   * findings (unbounded caches, caches a framework created from a plain JSR-107 configuration,
   * store-by-value caches of values not known immutable, access-expiry policies, statistics off),
   * each with the configuration-file snippet that fixes it.
   *
   * @throws IllegalStateException if the manager is closed
   */
  public ConfigurationReport report() {
    checkOpen();
    List<CacheFacts> facts = new ArrayList<>();
    for (DualJCache<?, ?> cache : caches.values()) {
      DualCacheConfiguration<?, ?> configuration = cache.configurationCopy();
      boolean isShared =
          configuration.getShared().orElse(shared != null && configuration.isStoreByValue());
      facts.add(
          new CacheFacts(
              cache.getName(),
              configuration,
              isShared && shared != null,
              plainCaches.get(cache.getName()) == cache));
    }
    return Reports.build(uri, settings.source(), facts);
  }

  private void createDeclaredCaches() {
    String current = null;
    try {
      for (String declared : settings.declaredCaches()) {
        current = declared;
        createCache(
            current, settings.configuration(current, Object.class, Object.class, executors));
      }
    } catch (RuntimeException e) {
      close(); // the caches made so far, their threads and MXBeans
      throw new CacheException(
          settings.source() + ": cache \"" + current + "\" cannot be created: " + e.getMessage(),
          e);
    }
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
   * <p>A {@link DualCacheConfiguration} is taken as it is, with its own bound and engine tuning.
   * Any other configuration keeps all its JSR-107 settings and gets, from the manager's
   * configuration file if it has one, the bound, engine tuning and executor of the block named
   * {@code cacheName}, else of the {@code default} template; without a file the cache is unbounded
   * with the engine's defaults.
   *
   * @throws IllegalArgumentException if a DualCache setting is outside the engine's range
   */
  @Override
  public <K, V, C extends Configuration<K, V>> Cache<K, V> createCache(
      String cacheName, C configuration) {
    checkOpen();
    Objects.requireNonNull(cacheName, "cacheName must not be null");
    Objects.requireNonNull(configuration, "configuration must not be null");
    DualCacheConfiguration<K, V> copy = copyOf(configuration);
    if (!(configuration instanceof DualCacheConfiguration)) {
      settings.addEngineSettings(cacheName, copy, executors);
    }
    synchronized (caches) {
      checkOpen(); // again: close() may have run since the first check
      if (caches.containsKey(cacheName)) {
        throw new CacheException(
            "cache manager " + uri + " has a cache named \"" + cacheName + "\" already");
      }
      DualJCache<K, V> cache = open(cacheName, copy);
      if (!(configuration instanceof DualCacheConfiguration)
          && !settings.declaredCaches().contains(cacheName)) {
        plainCaches.put(cacheName, cache);
      }
      return cache;
    }
  }

  /** Makes and registers the cache. The caller holds the lock of {@link #caches}. */
  private <K, V> DualJCache<K, V> open(String cacheName, DualCacheConfiguration<K, V> copy) {
    DualJCache<K, V> cache = new DualJCache<>(this, cacheName, copy, classLoaderOrFail());
    caches.put(cacheName, cache);
    return cache;
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

  /**
   * The open cache named {@code cacheName}; else, when the file pre-configures unknown names, a new
   * cache built from the name's block or the template, with the given types unless the block sets
   * its own; else null.
   */
  private <K, V> DualJCache<?, ?> openOrPreconfigure(
      String cacheName, Class<K> keyType, Class<V> valueType) {
    DualJCache<?, ?> cache = caches.get(cacheName);
    if (cache != null || !settings.preconfigureUnknownCaches()) {
      return cache;
    }
    synchronized (caches) {
      checkOpen();
      cache = caches.get(cacheName); // another thread may have made it since the first look
      if (cache != null) {
        return cache;
      }
      try {
        return open(cacheName, settings.configuration(cacheName, keyType, valueType, executors));
      } catch (RuntimeException e) {
        throw new CacheException(
            settings.source()
                + ": cache \""
                + cacheName
                + "\" cannot be built from the template: "
                + e.getMessage(),
            e);
      }
    }
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
    DualJCache<?, ?> cache = openOrPreconfigure(cacheName, keyType, valueType);
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

  /**
   * {@inheritDoc} As JSR-107 1.1 requires, the types are not checked. A cache pre-configured by
   * this call has the template's types, else Object.
   */
  @Override
  public <K, V> Cache<K, V> getCache(String cacheName) {
    checkOpen();
    Objects.requireNonNull(cacheName, "cacheName must not be null");
    @SuppressWarnings("unchecked") // the caller asked for no check
    Cache<K, V> cache = (Cache<K, V>) openOrPreconfigure(cacheName, Object.class, Object.class);
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
      cache.destroy();
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
    ManagerReportBean bean = reportBean;
    if (bean != null) {
      bean.unregister();
    }
    for (DualJCache<?, ?> cache : toClose) {
      cache.close();
    }
    caches.clear();
    executors.shutDown("cache manager " + uri); // after the caches: they may still hand it work
    if (shared != null) {
      shared.close();
    }
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
    plainCaches.remove(cache.getName(), cache);
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
