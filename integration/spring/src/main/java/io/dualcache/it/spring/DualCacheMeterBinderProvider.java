package io.dualcache.it.spring;

import io.dualcache.micrometer.DualCacheMetrics;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.cache.metrics.CacheMeterBinderProvider;
import org.springframework.cache.jcache.JCacheCache;

/**
 * Makes Spring Boot Actuator's cache metrics of a DualCache cache {@link DualCacheMetrics}, which
 * has {@code cache.size} and evictions by cause, instead of Micrometer's JMX-based JCacheMetrics,
 * which has no size. Declared as a bean ordered before Boot's own JCache provider (see {@link
 * CatalogApplication}); for a cache of another provider it returns null, and Boot's provider binds
 * it as before.
 */
public class DualCacheMeterBinderProvider implements CacheMeterBinderProvider<JCacheCache> {

  @Override
  public MeterBinder getMeterBinder(JCacheCache cache, Iterable<Tag> tags) {
    javax.cache.Cache<Object, Object> nativeCache = cache.getNativeCache();
    return DualCacheMetrics.supports(nativeCache) ? new DualCacheMetrics(nativeCache, tags) : null;
  }
}
