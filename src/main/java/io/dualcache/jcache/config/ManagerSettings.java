package io.dualcache.jcache.config;

import io.dualcache.jcache.DualCacheConfiguration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a cache manager's configuration file says: the caches it declares (each already merged with
 * the template), the template for every other name, and whether unknown names are pre-configured
 * from it. {@link #NONE} stands for "no file". The manager uses it through the methods below only.
 *
 * @param source the file as the user named it, for messages; null without a file
 * @param preconfigureUnknownCaches whether {@code getCache} builds any unknown name from the
 *     template instead of returning null
 * @param template the {@code default} block
 * @param caches the declared caches by name, in the file's order
 * @param redis the {@code redis} block, or null without one
 * @param report whether the manager logs its configuration report when it starts ({@code report =
 *     off} in the file's root turns it off)
 */
public record ManagerSettings(
    String source,
    boolean preconfigureUnknownCaches,
    CacheSettings template,
    Map<String, CacheSettings> caches,
    RedisSettings redis,
    boolean report) {

  /** The region in which Hibernate keeps the last update time of each table. */
  private static final String HIBERNATE_TIMESTAMPS = "default-update-timestamps-region";

  /** No file. */
  public static final ManagerSettings NONE =
      new ManagerSettings(null, false, CacheSettings.NONE, Map.of(), null, true);

  /** Settings whose manager logs its report when it starts. */
  public ManagerSettings(
      String source,
      boolean preconfigureUnknownCaches,
      CacheSettings template,
      Map<String, CacheSettings> caches,
      RedisSettings redis) {
    this(source, preconfigureUnknownCaches, template, caches, redis, true);
  }

  /** Copies {@code caches}, keeping its order. */
  public ManagerSettings {
    caches = Collections.unmodifiableMap(new LinkedHashMap<>(caches));
  }

  /** Whether there is a file, and it does not say {@code report = off}. */
  public boolean logsReportAtStart() {
    return source != null && report;
  }

  /** The names of the caches the file declares, in the file's order. */
  public Set<String> declaredCaches() {
    return caches.keySet();
  }

  /**
   * The whole configuration of the cache named {@code name}, from its own block, else from the
   * template; the key and value types are the block's, else {@code keyType} and {@code valueType}.
   */
  public <K, V> DualCacheConfiguration<K, V> configuration(
      String name, Class<K> keyType, Class<V> valueType, ConfiguredExecutors executors) {
    return settingsFor(name).toConfiguration(keyType, valueType, executors);
  }

  /**
   * Adds to {@code configuration}, a plain JSR-107 one given to {@code createCache}, what only
   * DualCache has (bound, tuning, executor) from the block of {@code name}, else the template.
   */
  public void addEngineSettings(
      String name, DualCacheConfiguration<?, ?> configuration, ConfiguredExecutors executors) {
    settingsFor(name).engine().applyTo(configuration, executors);
  }

  /**
   * The settings of the cache named {@code name}: its own block, else the template; for Hibernate's
   * update timestamps region, the template without its lifetime. Hibernate reads a missing
   * timestamp as "no update since": one that expired while a query result cached before the update
   * lived on (a creation lifetime, or a query region declared longer) let that result pass as
   * current.
   */
  private CacheSettings settingsFor(String name) {
    CacheSettings declared = caches.get(name);
    if (declared != null) {
      return declared;
    }
    return name.equals(HIBERNATE_TIMESTAMPS) ? template.eternal() : template;
  }
}
