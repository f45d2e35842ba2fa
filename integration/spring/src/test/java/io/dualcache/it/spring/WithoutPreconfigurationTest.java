package io.dualcache.it.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dualcache.jcache.DualCacheConfiguration;
import javax.cache.expiry.EternalExpiryPolicy;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cache.CacheManager;
import org.springframework.cache.jcache.JCacheCacheManager;

/**
 * Without {@code preconfigure-unknown-caches}, Spring finds only the caches the file declares and
 * creates those listed in {@code spring.cache.cache-names} itself, with a plain {@code new
 * MutableConfiguration<>()}; any other {@code @Cacheable} name fails.
 */
@SpringBootTest(
    properties = {
      "spring.cache.jcache.config=classpath:catalog-no-switch.conf",
      "spring.cache.cache-names=audit"
    })
class WithoutPreconfigurationTest {

  @Autowired private CatalogService catalog;
  @Autowired private CacheManager springCacheManager;

  private DualCacheConfiguration<?, ?> configurationOf(String cacheName) {
    return ((JCacheCacheManager) springCacheManager)
        .getCacheManager()
        .getCache(cacheName)
        .getConfiguration(DualCacheConfiguration.class);
  }

  @Test
  void aDeclaredCacheWorks() {
    int before = catalog.titleLookups();

    catalog.title(7);
    catalog.title(7);

    assertThat(catalog.titleLookups() - before).isEqualTo(1);
    assertThat(configurationOf("titles").getMaximumSize()).hasValue(100);
  }

  @Test
  void anUndeclaredCacheableNameFails() {
    assertThatThrownBy(() -> catalog.priceInCents(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Cannot find cache named 'prices'");
  }

  @Test
  void aCacheNamedInSpringPropertiesIsAPlainJsr107CacheWithTheTemplatesBound() {
    DualCacheConfiguration<?, ?> audit = configurationOf("audit");

    assertThat(audit.isStoreByValue()).isTrue();
    assertThat(audit.isStatisticsEnabled()).isFalse();
    assertThat(audit.getExpiryPolicyFactory().create()).isInstanceOf(EternalExpiryPolicy.class);
    assertThat(audit.getMaximumSize()).hasValue(1000);
  }
}
