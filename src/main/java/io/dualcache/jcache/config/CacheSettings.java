package io.dualcache.jcache.config;

import io.dualcache.jcache.DualCacheConfiguration;

/**
 * Everything a configuration file says about one cache, or about its template ({@code default}):
 * the JSR-107 part and the part only DualCache has. Values, checked when the file was read; they
 * name classes of the manager's class loader but make no objects until a cache is built.
 */
record CacheSettings(StandardSettings standard, EngineSettings engine) {

  /** No file, or a file that says nothing: JSR-107's defaults and the engine's. */
  static final CacheSettings NONE = new CacheSettings(StandardSettings.NONE, EngineSettings.NONE);

  /** These settings without a lifetime. */
  CacheSettings eternal() {
    return new CacheSettings(standard.eternal(), engine);
  }

  /** These settings, with each one not set here taken from {@code template}. */
  CacheSettings withFallback(CacheSettings template) {
    return new CacheSettings(
        standard.withFallback(template.standard), engine.withFallback(template.engine));
  }

  /**
   * The whole configuration of a cache built from these settings. The key and value types are the
   * ones set here, else {@code keyType} and {@code valueType} (those a {@code getCache} call asked
   * for, so that a pre-configured cache passes the call's own type check).
   */
  @SuppressWarnings("unchecked") // a set type replaces the requested one; getCache checks it
  <K, V> DualCacheConfiguration<K, V> toConfiguration(
      Class<K> keyType, Class<V> valueType, ConfiguredExecutors executors) {
    DualCacheConfiguration<K, V> configuration = new DualCacheConfiguration<>();
    configuration.setTypes(
        standard.keyType() != null ? (Class<K>) standard.keyType() : keyType,
        standard.valueType() != null ? (Class<V>) standard.valueType() : valueType);
    standard.applyTo(configuration);
    engine.applyTo(configuration, executors);
    return configuration;
  }
}
