package io.dualcache.it.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualcache.engine.DualCache;
import io.micrometer.core.instrument.MeterRegistry;
import javax.cache.Cache;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cache.CacheManager;
import org.springframework.cache.jcache.JCacheCacheManager;

/**
 * Spring Boot Actuator binds DualCache's meters ({@link DualCacheMeterBinderProvider}) to the
 * application's registry at startup: {@code cache.size} is the cache's real size.
 */
@SpringBootTest
class ActuatorCacheMetricsTest {

  @Autowired private CacheManager springCacheManager;
  @Autowired private MeterRegistry registry;

  @Test
  void cacheSizeIsTheRealSizeAndEvictionsHaveACause() {
    Cache<Object, Object> cache =
        ((JCacheCacheManager) springCacheManager).getCacheManager().getCache("sized");
    for (int i = 0; i < 4; i++) {
      cache.put(i, "value " + i);
    }
    assertThat(registry.get("cache.size").tag("cache", "sized").gauge().value()).isEqualTo(4);

    for (int i = 4; i < 30; i++) {
      cache.put(i, "value " + i);
    }
    cache.unwrap(DualCache.class).cleanUp(); // evictions now, not on the daemon's next round

    assertThat(registry.get("cache.size").tag("cache", "sized").gauge().value()).isEqualTo(10);
    assertThat(
            registry
                .get("dualcache.evictions")
                .tags("cache", "sized", "cause", "size")
                .functionCounter()
                .count())
        .isEqualTo(20);
    assertThat(registry.get("cache.puts").tag("cache", "sized").functionCounter().count())
        .isEqualTo(30);
  }
}
