package io.dualcache.jcache.config;

import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryListener;

/**
 * One listener of a configured cache: a class implementing a {@link CacheEntryListener}
 * sub-interface, an optional {@link CacheEntryEventFilter} class, and the two JSR-107 options.
 */
record ListenerSettings(
    Class<?> listener, Class<?> filter, boolean oldValueRequired, boolean synchronous) {

  /** A JSR-107 listener configuration whose factories make the classes with no arguments. */
  @SuppressWarnings({"unchecked", "rawtypes"}) // the reader checked both interfaces
  <K, V> CacheEntryListenerConfiguration<K, V> toConfiguration() {
    Factory<CacheEntryListener<? super K, ? super V>> listenerFactory =
        new InstanceFactory(listener);
    Factory<CacheEntryEventFilter<? super K, ? super V>> filterFactory =
        filter == null ? null : new InstanceFactory(filter);
    return new MutableCacheEntryListenerConfiguration<>(
        listenerFactory, filterFactory, oldValueRequired, synchronous);
  }
}
