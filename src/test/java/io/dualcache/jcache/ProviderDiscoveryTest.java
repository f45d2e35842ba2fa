package io.dualcache.jcache;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.OptionalFeature;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.Test;

/** The provider is found through the service file, as applications find it. */
class ProviderDiscoveryTest {

  @Test
  void cachingFindsTheProviderWithoutAClassName() {
    CachingProvider provider = Caching.getCachingProvider();

    assertInstanceOf(DualCachingProvider.class, provider);
    assertTrue(provider.isSupported(OptionalFeature.STORE_BY_REFERENCE));
  }

  @Test
  void theDefaultManagerIsOnePerProviderUntilClosed() {
    CachingProvider provider = Caching.getCachingProvider();
    CacheManager manager = provider.getCacheManager();

    assertInstanceOf(DualCacheManager.class, manager);
    assertSame(manager, provider.getCacheManager());
    assertSame(
        manager,
        provider.getCacheManager(provider.getDefaultURI(), provider.getDefaultClassLoader()));

    manager.close();
    CacheManager next = provider.getCacheManager();
    assertFalse(next.isClosed());
    assertTrue(manager.isClosed());
    next.close();
  }
}
