package io.dualcache.jcache.event;

import java.util.List;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryListener;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.event.EventType;

/**
 * One registered listener: the listener and filter its configuration's factories made (the filter
 * may be null), and which event types it takes.
 */
public record ListenerRegistration<K, V>(
    CacheEntryListenerConfiguration<K, V> configuration,
    CacheEntryListener<? super K, ? super V> listener,
    CacheEntryEventFilter<? super K, ? super V> filter) {

  /** Makes the listener and the filter with the factories of {@code configuration}. */
  static <K, V> ListenerRegistration<K, V> of(CacheEntryListenerConfiguration<K, V> configuration) {
    Factory<CacheEntryListener<? super K, ? super V>> listenerFactory =
        configuration.getCacheEntryListenerFactory();
    if (listenerFactory == null) {
      throw new IllegalArgumentException(
          "the listener configuration has no listener factory: " + configuration);
    }
    CacheEntryListener<? super K, ? super V> listener = listenerFactory.create();
    Factory<CacheEntryEventFilter<? super K, ? super V>> filterFactory =
        configuration.getCacheEntryEventFilterFactory();
    return new ListenerRegistration<>(
        configuration, listener, filterFactory == null ? null : filterFactory.create());
  }

  boolean isSynchronous() {
    return configuration.isSynchronous();
  }

  boolean isOldValueRequired() {
    return configuration.isOldValueRequired();
  }

  /** Whether the listener implements the interface for {@code type}. */
  boolean listensTo(EventType type) {
    return switch (type) {
      case CREATED -> listener instanceof CacheEntryCreatedListener;
      case UPDATED -> listener instanceof CacheEntryUpdatedListener;
      case REMOVED -> listener instanceof CacheEntryRemovedListener;
      case EXPIRED -> listener instanceof CacheEntryExpiredListener;
    };
  }

  /** Hands {@code event} to the listener if the filter lets it through; exceptions propagate. */
  @SuppressWarnings("unchecked") // listensTo() checked the interface
  void deliver(CacheEntryEvent<K, V> event) {
    if (filter != null && !filter.evaluate(event)) {
      return;
    }
    List<CacheEntryEvent<? extends K, ? extends V>> events = List.of(event);
    switch (event.getEventType()) {
      case CREATED -> ((CacheEntryCreatedListener<K, V>) listener).onCreated(events);
      case UPDATED -> ((CacheEntryUpdatedListener<K, V>) listener).onUpdated(events);
      case REMOVED -> ((CacheEntryRemovedListener<K, V>) listener).onRemoved(events);
      case EXPIRED -> ((CacheEntryExpiredListener<K, V>) listener).onExpired(events);
    }
  }
}
