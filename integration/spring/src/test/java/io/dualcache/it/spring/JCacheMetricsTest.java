package io.dualcache.it.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.dualcache.engine.DualCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.JCacheMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import javax.cache.Cache;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cache.CacheManager;
import org.springframework.cache.jcache.JCacheCacheManager;

/** Micrometer's JCacheMetrics binder reads DualCache's statistics MXBean. */
@SpringBootTest
class JCacheMetricsTest {

  @Autowired private CacheManager springCacheManager;

  @Test
  void getsHitsMissesPutsAndEvictionsMove() {
    Cache<Object, Object> cache =
        ((JCacheCacheManager) springCacheManager).getCacheManager().getCache("metered");
    MeterRegistry registry = new SimpleMeterRegistry();
    JCacheMetrics.monitor(registry, cache);
    assertThat(count(registry, "cache.puts")).isZero();

    for (int i = 0; i < 50; i++) {
      cache.put(i, "value " + i);
    }
    cache.unwrap(DualCache.class).cleanUp(); // evictions now, not on the daemon's next round
    cache.put(-1, "kept");
    cache.get(-1); // a hit
    cache.get(-2); // a miss

    assertThat(count(registry, "cache.puts")).isEqualTo(51);
    assertThat(registry.get("cache.gets").tag("result", "hit").functionCounter().count())
        .isEqualTo(1);
    assertThat(registry.get("cache.gets").tag("result", "miss").functionCounter().count())
        .isEqualTo(1);
    assertThat(count(registry, "cache.evictions")).isGreaterThanOrEqualTo(40);

    cache.remove(-1);

    assertThat(registry.get("cache.removals").gauge().value()).isEqualTo(1);
    assertThat(registry.find("cache.size").meter())
        .as("JSR-107 statistics have no size")
        .isNull();
  }

  private static double count(MeterRegistry registry, String name) {
    return registry.get(name).functionCounter().count();
  }
}
