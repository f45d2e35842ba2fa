package io.dualcache.jcache;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import javax.cache.CacheManager;
import javax.cache.configuration.OptionalFeature;
import javax.cache.spi.CachingProvider;

/**
 * The JSR-107 {@link CachingProvider} of DualCache, found by {@code Caching.getCachingProvider()}
 * through {@code META-INF/services/javax.cache.spi.CachingProvider}. It keeps one {@link
 * DualCacheManager} per (ClassLoader, URI) pair until that manager is closed.
 *
 * <p>A URI may name a configuration file ({@code classpath:}, {@code file:} or {@code jar:}, or a
 * path ending in {@code .conf}); the default URI reads {@code dualcache.conf} from the class path
 * when it is there. A bad file fails {@link #getCacheManager(URI, ClassLoader, Properties)}.
 */
public final class DualCachingProvider implements CachingProvider {

  private static final URI DEFAULT_URI = URI.create(DualCachingProvider.class.getName());

  /**
   * The open managers. Class loaders are held weakly, so a discarded loader (a redeployed web
   * application) does not keep its managers. Guarded by {@code this}.
   */
  private final Map<ClassLoader, Map<URI, DualCacheManager>> managers = new WeakHashMap<>();

  /** Made by the service loader. */
  public DualCachingProvider() {}

  @Override
  public CacheManager getCacheManager(URI uri, ClassLoader classLoader, Properties properties) {
    URI managerUri = uri == null ? getDefaultURI() : uri;
    ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
    Properties managerProperties = properties == null ? getDefaultProperties() : properties;
    synchronized (this) {
      return managers
          .computeIfAbsent(loader, unused -> new HashMap<>())
          .computeIfAbsent(
              managerUri,
              unused -> DualCacheManager.open(this, managerUri, loader, managerProperties));
    }
  }

  @Override
  public CacheManager getCacheManager(URI uri, ClassLoader classLoader) {
    return getCacheManager(uri, classLoader, getDefaultProperties());
  }

  @Override
  public CacheManager getCacheManager() {
    return getCacheManager(getDefaultURI(), getDefaultClassLoader(), getDefaultProperties());
  }

  @Override
  public ClassLoader getDefaultClassLoader() {
    return getClass().getClassLoader();
  }

  @Override
  public URI getDefaultURI() {
    return DEFAULT_URI;
  }

  @Override
  public Properties getDefaultProperties() {
    return new Properties();
  }

  /** {@inheritDoc} Closes every manager of this provider. */
  @Override
  public void close() {
    List<DualCacheManager> toClose = new ArrayList<>();
    synchronized (this) {
      managers.values().forEach(byUri -> toClose.addAll(byUri.values()));
      managers.clear();
    }
    toClose.forEach(DualCacheManager::close);
  }

  @Override
  public void close(ClassLoader classLoader) {
    ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
    Map<URI, DualCacheManager> byUri;
    synchronized (this) {
      byUri = managers.remove(loader);
    }
    if (byUri != null) {
      new ArrayList<>(byUri.values()).forEach(DualCacheManager::close);
    }
  }

  @Override
  public void close(URI uri, ClassLoader classLoader) {
    URI managerUri = uri == null ? getDefaultURI() : uri;
    ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
    DualCacheManager manager;
    synchronized (this) {
      Map<URI, DualCacheManager> byUri = managers.get(loader);
      manager = byUri == null ? null : byUri.get(managerUri);
    }
    if (manager != null) {
      manager.close(); // releases itself
    }
  }

  /** Forgets {@code manager}, which is closing, so the next request makes a new one. */
  synchronized void release(DualCacheManager manager) {
    ClassLoader loader = manager.getClassLoader();
    Map<URI, DualCacheManager> byUri = loader == null ? null : managers.get(loader);
    if (byUri != null && byUri.remove(manager.getURI(), manager) && byUri.isEmpty()) {
      managers.remove(loader);
    }
  }

  /** {@inheritDoc} Store-by-reference is the one optional feature DualCache supports. */
  @Override
  public boolean isSupported(OptionalFeature optionalFeature) {
    return optionalFeature == OptionalFeature.STORE_BY_REFERENCE;
  }
}
