package io.dualcache.jcache.config;

import io.dualcache.jcache.DualCacheConfiguration;
import java.time.Duration;
import java.util.Set;

/**
 * The settings of a configured cache that JSR-107 cannot express: the bound, the engine's tuning
 * and the executor. These are what a configuration file adds to a cache made by {@code
 * createCache(name, configuration)} with a plain JSR-107 configuration. Null means "not set".
 *
 * @param executor a class implementing {@link java.util.concurrent.Executor}, or null
 * @param shared whether the cache is shared through the manager's Redis, or null: as the manager
 *     says
 * @param immutableTypes classes the user declares immutable (not copied by value), or null
 * @param refreshAfterWrite the age at which a read-through cache reloads an entry ahead, or null
 * @param copier the copier of a store-by-value cache, or null: serialization
 */
record EngineSettings(
    Bound bound,
    Long initialCapacity,
    Integer hotTierT1Slots,
    Integer hotTierT2Slots,
    Duration tickDuration,
    Integer concurrencyLevel,
    Class<?> executor,
    Boolean shared,
    Set<Class<?>> immutableTypes,
    Duration refreshAfterWrite,
    CopierSetting copier) {

  static final EngineSettings NONE =
      new EngineSettings(null, null, null, null, null, null, null, null, null, null, null);

  /**
   * These settings, with each one not set here taken from {@code template}. The bound is taken
   * whole: a cache that sets a weight bound does not also inherit the template's size bound.
   */
  EngineSettings withFallback(EngineSettings template) {
    boolean ownTiers = hotTierT1Slots != null || hotTierT2Slots != null;
    return new EngineSettings(
        bound != null ? bound : template.bound,
        initialCapacity != null ? initialCapacity : template.initialCapacity,
        ownTiers ? hotTierT1Slots : template.hotTierT1Slots,
        ownTiers ? hotTierT2Slots : template.hotTierT2Slots,
        tickDuration != null ? tickDuration : template.tickDuration,
        concurrencyLevel != null ? concurrencyLevel : template.concurrencyLevel,
        executor != null ? executor : template.executor,
        shared != null ? shared : template.shared,
        immutableTypes != null ? immutableTypes : template.immutableTypes,
        refreshAfterWrite != null ? refreshAfterWrite : template.refreshAfterWrite,
        copier != null ? copier : template.copier);
  }

  /** Sets what is set here on {@code configuration}; executors come from the manager. */
  <K, V> void applyTo(DualCacheConfiguration<K, V> configuration, ConfiguredExecutors executors) {
    if (bound != null) {
      bound.applyTo(configuration);
    }
    if (initialCapacity != null) {
      configuration.setInitialCapacity(initialCapacity);
    }
    if (hotTierT1Slots != null || hotTierT2Slots != null) {
      configuration.setHotTiers(orZero(hotTierT1Slots), orZero(hotTierT2Slots));
    }
    if (tickDuration != null) {
      configuration.setTickDuration(tickDuration);
    }
    if (concurrencyLevel != null) {
      configuration.setConcurrencyLevel(concurrencyLevel);
    }
    if (executor != null) {
      configuration.setExecutor(executors.get(executor));
    }
    if (shared != null) {
      configuration.setShared(shared);
    }
    if (immutableTypes != null) {
      configuration.setImmutableTypes(immutableTypes);
    }
    if (refreshAfterWrite != null) {
      configuration.setRefreshAfterWrite(refreshAfterWrite);
    }
    if (copier != null) {
      configuration.setCopier(copier.create());
    }
  }

  private static int orZero(Integer slots) {
    return slots == null ? 0 : slots;
  }
}
