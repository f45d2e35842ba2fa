package io.dualcache.it.spring;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Spring creates every name in {@code spring.cache.cache-names} with {@code createCache}, which
 * fails for a cache the file declares (it exists already): the application does not start.
 */
class DeclaredNameInCacheNamesTest {

  @Test
  void listingADeclaredCacheInCacheNamesStopsTheApplication() {
    SpringApplicationBuilder application =
        new SpringApplicationBuilder(CatalogApplication.class)
            .properties(
                // A file of its own: the provider shares one manager per URI, and this
                // application must not disturb the managers of the other tests.
                "spring.cache.jcache.config=classpath:catalog-own-manager.conf",
                "spring.cache.cache-names=titles",
                "spring.main.banner-mode=off");

    assertThatThrownBy(application::run)
        .rootCause()
        .isInstanceOf(javax.cache.CacheException.class)
        .hasMessageContaining("has a cache named \"titles\" already");
  }
}
