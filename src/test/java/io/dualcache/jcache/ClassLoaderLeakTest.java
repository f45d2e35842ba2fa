package io.dualcache.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualcache.engine.DualCache;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;

/**
 * The provider keeps its managers by class loader weakly, so that a discarded loader (a redeployed
 * web application) is collected. Nothing of a cache may reach its manager's loader strongly: the
 * cache's daemon thread keeps an open cache reachable, and the provider's map keeps the managers.
 */
class ClassLoaderLeakTest {

  @Test
  void aDiscardedClassLoaderIsCollectedThoughItsManagerHasAStoreByValueCache()
      throws InterruptedException {
    DualCachingProvider provider = new DualCachingProvider();
    WeakReference<ClassLoader> discarded = new WeakReference<>(null);
    DualCache<?, ?> engine = null;
    try {
      URLClassLoader loader =
          new URLClassLoader(new URL[0], ClassLoaderLeakTest.class.getClassLoader());
      discarded = new WeakReference<>(loader);
      CacheManager manager = provider.getCacheManager(URI.create("leak-test"), loader);
      Cache<String, String> cache =
          manager.createCache(
              "values",
              new MutableConfiguration<String, String>()
                  .setTypes(String.class, String.class)
                  .setStoreByValue(true));
      cache.put("key", "value");
      assertEquals("value", cache.get("key"));
      // The engine is kept only to stop its thread at the end; the thread keeps it reachable
      // anyway, so holding it here changes nothing about what reaches the loader.
      engine = cache.unwrap(DualCache.class);
      loader = null;
      manager = null;
      cache = null;

      assertTrue(collected(discarded), "the discarded class loader is still reachable");
    } finally {
      if (engine != null) {
        engine.close();
      }
      provider.close();
    }
  }

  /** Runs the collector until {@code reference} is cleared, for at most about five seconds. */
  private static boolean collected(WeakReference<?> reference) throws InterruptedException {
    for (int i = 0; i < 50 && reference.get() != null; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return reference.get() == null;
  }
}
