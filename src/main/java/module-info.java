/**
 * DualCache: the engine ({@code io.dualcache.engine}) and its JSR-107 provider ({@code
 * io.dualcache.jcache}), found by {@code Caching.getCachingProvider()} through the {@code provides}
 * clause below (and through {@code META-INF/services} on the class path). The provider's other
 * packages ({@code io.dualcache.jcache.config}, {@code .event}, {@code .usercode}) are internal:
 * not exported.
 *
 * <p>Typesafe Config (configuration files), Lettuce (caches shared through Redis), Micrometer (the
 * meters of {@code io.dualcache.micrometer}) and Apache Fory (the fast store-by-value copier) are
 * optional: {@code requires static}, so an application that does not use them need not have them.
 */
module io.dualcache {
  exports io.dualcache.engine;
  exports io.dualcache.jcache;
  exports io.dualcache.redis; // SharedCache, for unwrap: near and Redis hits
  exports io.dualcache.micrometer; // DualCacheMetrics, a Micrometer MeterBinder
  exports io.dualcache.fory; // ForyCopier, for setCopier

  requires transitive cache.api; // javax.cache:cache-api 1.1.1: no module-info, named by its jar
  requires java.management; // the JSR-107 MXBeans
  requires org.jctools.core; // the engine's write queue
  requires static typesafe.config; // optional: configuration files
  requires static lettuce.core; // optional: caches shared through Redis
  requires static micrometer.core; // optional: io.dualcache.micrometer's meters
  requires static org.apache.fory.core; // optional: the copier of copier = fory

  provides javax.cache.spi.CachingProvider with
      io.dualcache.jcache.DualCachingProvider;
}
