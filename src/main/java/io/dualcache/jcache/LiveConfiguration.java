package io.dualcache.jcache;

import io.dualcache.jcache.event.EventDispatcher;
import io.dualcache.jcache.event.ListenerRegistration;
import java.net.URI;
import javax.cache.configuration.CacheEntryListenerConfiguration;

/**
 * The configuration of an open cache: what {@code getConfiguration} copies out, and what listener
 * registration and the management switches change while the cache runs. One monitor ({@code this})
 * guards it and the start of the close sequence, so a listener's registration and its entry in the
 * configuration change together, and no MXBean is registered once the cache is closing.
 */
final class LiveConfiguration<K, V> {

  /** Guarded by {@code this}. */
  private final DualCacheConfiguration<K, V> configuration;

  private final CacheStatistics statistics;
  private final CacheMXBeans beans;

  /** Set once by the first {@link #close()}. Guarded by {@code this}. */
  private boolean closing;

  LiveConfiguration(
      DualCacheConfiguration<K, V> configuration,
      CacheStatistics statistics,
      DualCacheMetricsMXBean metrics,
      URI managerUri,
      String cacheName) {
    this.configuration = configuration;
    this.statistics = statistics;
    this.beans = new CacheMXBeans(managerUri, cacheName, statistics, metrics, this::copy);
  }

  /** A copy of the current configuration: changing it does not change the cache. */
  synchronized DualCacheConfiguration<K, V> copy() {
    return new DualCacheConfiguration<>(configuration);
  }

  /** Turns statistics on or off; their MXBean and the engine's are registered while they are on. */
  synchronized void setStatisticsEnabled(boolean enabled) {
    configuration.setStatisticsEnabled(enabled);
    statistics.setEnabled(enabled);
    beans.showStatistics(enabled && !closing);
  }

  /** Registers or unregisters the configuration MXBean. */
  synchronized void setManagementEnabled(boolean enabled) {
    configuration.setManagementEnabled(enabled);
    beans.showConfiguration(enabled && !closing);
  }

  /**
   * Adds {@code listener} to the configuration and registers it with {@code events}.
   *
   * @throws IllegalArgumentException if it is registered already
   */
  synchronized void register(
      CacheEntryListenerConfiguration<K, V> listener, EventDispatcher<K, V> events) {
    configuration.addCacheEntryListenerConfiguration(listener);
    try {
      events.register(listener);
    } catch (RuntimeException | Error e) { // a factory failed: not registered
      configuration.removeCacheEntryListenerConfiguration(listener);
      throw e;
    }
  }

  /** Removes {@code listener}; returns its registration, or null if it was not registered. */
  synchronized ListenerRegistration<K, V> deregister(
      CacheEntryListenerConfiguration<K, V> listener, EventDispatcher<K, V> events) {
    configuration.removeCacheEntryListenerConfiguration(listener);
    return events.deregister(listener);
  }

  /**
   * Starts the close sequence: unregisters the MXBeans. Returns false if it had started already.
   */
  synchronized boolean close() {
    if (closing) {
      return false;
    }
    closing = true;
    beans.unregisterAll();
    return true;
  }
}
