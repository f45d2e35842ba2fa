package io.dualcache.it.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** A Spring Boot application with caching on; its caches are DualCache caches (see properties). */
@SpringBootApplication
@EnableCaching
public class CatalogApplication {

  public static void main(String[] args) {
    SpringApplication.run(CatalogApplication.class, args);
  }

  /**
   * Actuator's cache metrics of the DualCache caches, with {@code cache.size}: tried before Boot's
   * own JCache provider, which binds Micrometer's JCacheMetrics (no size).
   */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  DualCacheMeterBinderProvider dualCacheMeterBinderProvider() {
    return new DualCacheMeterBinderProvider();
  }
}
