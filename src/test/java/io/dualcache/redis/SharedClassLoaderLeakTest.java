package io.dualcache.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualcache.jcache.DualCachingProvider;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;

/**
 * A discarded class loader (a redeployed web application that never closed its cache manager) is
 * collected even when the manager shares its caches through Redis: neither the manager's Redis
 * connection, nor the threads it starts (Lettuce's event loop, the sharing's worker), may reach the
 * loader strongly.
 */
class SharedClassLoaderLeakTest {

  @Test
  void aDiscardedClassLoaderIsCollectedThoughItsManagerSharesThroughRedis() throws Exception {
    DualCachingProvider provider = new DualCachingProvider();
    WeakReference<ClassLoader> discarded;
    RedisSharing sharing = null; // held on purpose: it must not reach the loader either
    try (RedisServer server = new RedisServer()) {
      ClassLoader previous = Thread.currentThread().getContextClassLoader();
      URLClassLoader loader =
          new URLClassLoader(new URL[0], SharedClassLoaderLeakTest.class.getClassLoader());
      discarded = new WeakReference<>(loader);
      // As in a web application: the application's loader is the context loader of its threads,
      // so whatever thread the manager starts would inherit it.
      Thread.currentThread().setContextClassLoader(loader);
      try {
        Properties properties = new Properties();
        properties.setProperty("dualcache.redis.uri", server.uri());
        CacheManager manager =
            provider.getCacheManager(URI.create("shared-leak-test"), loader, properties);
        Cache<String, String> cache =
            manager.createCache(
                "values",
                new MutableConfiguration<String, String>().setTypes(String.class, String.class));
        cache.put("key", "value");
        assertEquals("value", cache.get("key"));
        sharing = cache.unwrap(SharedCache.class).sharing();
      } finally {
        Thread.currentThread().setContextClassLoader(previous);
      }
      loader = null;
      assertTrue(collected(discarded), "the discarded class loader is still reachable");
    } finally {
      // The provider no longer knows the manager of a collected loader: stop what it started.
      if (sharing != null) {
        sharing.close();
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
