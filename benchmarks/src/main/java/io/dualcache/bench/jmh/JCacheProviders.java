package io.dualcache.bench.jmh;

import java.lang.reflect.Method;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;

/**
 * Opens JCache caches of a named provider. Several providers share the classpath, so each is asked
 * for by its class name: {@code Caching.getCachingProvider()} without one would throw.
 */
final class JCacheProviders {

  static final String DUALCACHE = "io.dualcache.jcache.DualCachingProvider";
  static final String CAFFEINE = "com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider";
  static final String EHCACHE = "org.ehcache.jsr107.EhcacheCachingProvider";

  /** DualCache's own configuration class, with {@code setMaximumSize}. */
  private static final String DUALCACHE_CONFIGURATION = "io.dualcache.jcache.DualCacheConfiguration";

  private JCacheProviders() {}

  /** A fresh cache named {@code name} of the provider {@code providerClass}. */
  static <K, V> BenchCache<K, V> open(
      String providerClass, String name, Configuration<K, V> configuration) {
    CachingProvider provider = Caching.getCachingProvider(providerClass);
    CacheManager manager = provider.getCacheManager();
    Cache<K, V> cache = manager.createCache(name, configuration);
    return new BenchCache<>() {
      @Override
      public V get(K key) {
        return cache.get(key);
      }

      @Override
      public void put(K key, V value) {
        cache.put(key, value);
      }

      @Override
      public void close() {
        manager.destroyCache(name);
        manager.close();
      }
    };
  }

  /**
   * DualCache's bounded configuration. Looked up by name, so this project compiles while the
   * provider is still being written; a benchmark of it fails at setup, with this message, if the
   * installed jar lacks it.
   */
  @SuppressWarnings("unchecked")
  static <K, V> MutableConfiguration<K, V> dualCacheConfiguration(long maximumSize) {
    try {
      Class<?> type = Class.forName(DUALCACHE_CONFIGURATION);
      MutableConfiguration<K, V> configuration =
          (MutableConfiguration<K, V>) type.getConstructor().newInstance();
      for (Method m : type.getMethods()) {
        if (m.getName().equals("setMaximumSize") && m.getParameterCount() == 1) {
          Class<?> p = m.getParameterTypes()[0];
          m.invoke(configuration, p == int.class ? (Object) (int) maximumSize : maximumSize);
          return configuration;
        }
      }
      throw new IllegalStateException(DUALCACHE_CONFIGURATION + " has no setMaximumSize(long)");
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "the installed dualcache jar has no usable " + DUALCACHE_CONFIGURATION + ": " + e, e);
    }
  }
}
