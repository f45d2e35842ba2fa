package io.dualcache.jcache;

import io.dualcache.engine.DualCache;
import io.dualcache.engine.DualCacheBuilder;
import io.dualcache.engine.EntryListener;

/** Builds the engine of a cache from its {@link DualCacheConfiguration}. */
final class EngineFactory {

  private EngineFactory() {}

  /**
   * A builder with the bound and tuning of {@code configuration}; the builder checks each setting.
   *
   * @throws IllegalArgumentException if a setting is outside what the engine accepts
   */
  static <K, V> DualCacheBuilder<K, V> configure(
      DualCacheConfiguration<K, V> configuration, String cacheName) {
    DualCacheBuilder<K, V> builder = DualCache.<K, V>builder().name("jcache-" + cacheName);
    configuration.getMaximumSize().ifPresent(builder::maximumSize);
    configuration
        .getMaximumWeight()
        .ifPresent(weight -> builder.maximumWeight(weight, configuration.getWeigher()));
    if (configuration.getInitialCapacity() >= 0) {
      builder.initialCapacity(configuration.getInitialCapacity());
    }
    if (configuration.getHotTierT1Slots() > 0 || configuration.getHotTierT2Slots() > 0) {
      builder.hotTiers(configuration.getHotTierT1Slots(), configuration.getHotTierT2Slots());
    }
    if (configuration.getTickDuration() != null) {
      builder.tickDuration(configuration.getTickDuration());
    }
    if (configuration.getConcurrencyLevel() > 0) {
      builder.concurrencyLevel(configuration.getConcurrencyLevel());
    }
    return builder;
  }

  /**
   * Builds the engine with {@code listener} for every event and {@code expiry} unless every entry
   * is eternal (then the engine needs no clock and skips the deadline check on reads).
   */
  static <K, V> DualCache<K, V> build(
      DualCacheBuilder<K, V> builder,
      EntryListener<K, V> listener,
      ExpiryPolicyAdapter<K, V> expiry) {
    builder.listener(listener);
    if (!expiry.isEternal()) {
      builder.expiry(expiry);
    }
    return builder.build();
  }
}
