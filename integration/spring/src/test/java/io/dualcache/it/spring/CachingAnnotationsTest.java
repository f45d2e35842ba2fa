package io.dualcache.it.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualcache.jcache.DualCacheConfiguration;
import io.dualcache.jcache.DualCacheManager;
import io.dualcache.jcache.DualJCache;
import javax.cache.expiry.ModifiedExpiryPolicy;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cache.CacheManager;
import org.springframework.cache.jcache.JCacheCacheManager;

/** Spring's cache annotations on DualCache, configured by spring.cache.jcache.* and the file. */
@SpringBootTest
class CachingAnnotationsTest {

  @Autowired private CatalogService catalog;
  @Autowired private CacheManager springCacheManager;

  private javax.cache.CacheManager jcacheManager() {
    return ((JCacheCacheManager) springCacheManager).getCacheManager();
  }

  private DualCacheConfiguration<?, ?> configurationOf(String cacheName) {
    return jcacheManager().getCache(cacheName).getConfiguration(DualCacheConfiguration.class);
  }

  @Test
  void springUsesTheProviderAndTheConfigurationFile() {
    javax.cache.CacheManager manager = jcacheManager();

    assertThat(manager).isInstanceOf(DualCacheManager.class);
    assertThat(manager.getURI().toString()).startsWith("file:").endsWith("catalog-caches.conf");
    assertThat(springCacheManager.getCacheNames()).contains("titles", "metered");
    assertThat(manager.getCache("titles")).isInstanceOf(DualJCache.class);
  }

  @Test
  void cacheableReturnsTheCachedValueWithoutCallingTheMethodAgain() {
    int before = catalog.titleLookups();

    assertThat(catalog.title(1)).isEqualTo("Title 1");
    assertThat(catalog.title(1)).isEqualTo("Title 1");
    assertThat(catalog.title(1)).isEqualTo("Title 1");

    assertThat(catalog.titleLookups() - before).isEqualTo(1);
    assertThat(jcacheManager().getCache("titles").containsKey(1L)).isTrue();
  }

  @Test
  void cacheEvictRemovesTheEntrySoTheMethodRunsAgain() {
    catalog.title(2);
    int before = catalog.titleLookups();

    catalog.retitle(2);

    assertThat(jcacheManager().getCache("titles").containsKey(2L)).isFalse();
    catalog.title(2);
    assertThat(catalog.titleLookups() - before).isEqualTo(1);
  }

  @Test
  void aDeclaredCacheHasItsBlocksSettings() {
    DualCacheConfiguration<?, ?> titles = configurationOf("titles");

    assertThat(titles.getMaximumSize()).hasValue(100);
    assertThat(titles.isStoreByValue()).isFalse();
    assertThat(titles.isStatisticsEnabled()).isTrue();
  }

  @Test
  void anUndeclaredCacheIsPreconfiguredFromTheTemplate() {
    int before = catalog.priceLookups();

    assertThat(catalog.priceInCents(3)).isEqualTo(300L);
    assertThat(catalog.priceInCents(3)).isEqualTo(300L);

    assertThat(catalog.priceLookups() - before).isEqualTo(1);
    DualCacheConfiguration<?, ?> prices = configurationOf("prices");
    assertThat(prices.getMaximumSize()).hasValue(1000);
    assertThat(prices.isStoreByValue()).isTrue();
    assertThat(prices.getExpiryPolicyFactory().create()).isInstanceOf(ModifiedExpiryPolicy.class);
  }
}
