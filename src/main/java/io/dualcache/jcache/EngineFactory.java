package io.dualcache.jcache;

import io.dualcache.engine.DualCache;
import io.dualcache.engine.DualCacheBuilder;
import io.dualcache.engine.EntryListener;

/** Builds the engine of a cache from its {@link DualCacheConfiguration}. */
final class EngineFactory {

  private EngineFactory() {}

  /**
   * The engine for {@code configuration}: its bound and tuning, {@code listener} for every event,
   * and {@code expiry} unless every entry is eternal (then the engine needs no clock).
   *
   * @throws IllegalArgumentException if a setting is outside what the engine accepts
   */
  static <K, V> DualCache<K, V> build(
      DualCacheConfiguration<K, V> configuration,
      String cacheName,
      EntryListener<K, V> listener,
      ExpiryPolicyAdapter<K, V> expiry) {
    DualCacheBuilder<K, V> builder = DualCache.<K, V>builder().name("jcache-" + cacheName);
    builder.listener(listener);
    if (!expiry.isEternal()) {
      builder.expiry(expiry);
    }
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
    return builder.build();
  }
}
