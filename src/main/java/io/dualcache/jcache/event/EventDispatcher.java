package io.dualcache.jcache.event;

import io.dualcache.engine.ChangeType;
import io.dualcache.engine.EntryListener;
import io.dualcache.jcache.usercode.Copies;
import io.dualcache.jcache.usercode.FirstFailure;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import javax.cache.Cache;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.EventType;

/**
 * The engine's one listener: turns each engine event into JSR-107 events for the registrations
 * current at that moment, and counts evictions for the statistics (evictions are no JSR-107 event).
 *
 * <p>The engine calls it in the thread that made the change, while that key's lock is held, so
 * per-key order holds. Synchronous listeners run right here. Asynchronous listeners get the event
 * through one of a few {@link SerialExecutor} stripes chosen by the key's hash: events of one key
 * are queued in the order of the changes and delivered in that order.
 *
 * <p>This is the one place listeners and filters are called, and what their failures do (see {@code
 * io.dualcache.jcache.usercode}): every registration gets the event, whatever another one threw. A
 * synchronous listener's (or filter's) RuntimeException is rethrown as a {@link
 * CacheEntryListenerException} (one passes as it is), an Error as it is, after all registrations
 * had the event (the engine then throws it to the caller, after the change); if several throw, an
 * Error wins, else the first, and the others are logged. An asynchronous delivery that throws
 * anything is logged once and the next event is delivered: it never holds back other events.
 */
public final class EventDispatcher<K, V> implements EntryListener<K, V> {

  private static final System.Logger LOG = System.getLogger(EventDispatcher.class.getName());

  @SuppressWarnings("rawtypes")
  private static final ListenerRegistration[] NONE = new ListenerRegistration[0];

  private static final int ASYNC_STRIPES = 16;

  private final Cache<K, V> source;
  private final Copies copies;
  private final Runnable evictionCounter;
  private final SerialExecutor[] asyncStripes;

  /**
   * The current registrations. Replaced (copy on write) under {@code this} by registering threads;
   * read by writers of the cache (volatile: a change of the registrations is seen by the next
   * event).
   */
  @SuppressWarnings("unchecked")
  private volatile ListenerRegistration<K, V>[] registrations = NONE;

  /**
   * @param source the cache the events name
   * @param copies how the cache hands out keys and values (copies, when it stores by value)
   * @param evictionCounter counts an eviction for the statistics
   * @param asyncExecutor delivers to asynchronous registrations
   */
  public EventDispatcher(
      Cache<K, V> source, Copies copies, Runnable evictionCounter, Executor asyncExecutor) {
    this.source = source;
    this.copies = copies;
    this.evictionCounter = evictionCounter;
    this.asyncStripes = new SerialExecutor[ASYNC_STRIPES];
    for (int i = 0; i < ASYNC_STRIPES; i++) {
      asyncStripes[i] = new SerialExecutor(asyncExecutor);
    }
  }

  /** Adds a registration made from {@code configuration}; returns it. */
  public synchronized ListenerRegistration<K, V> register(
      CacheEntryListenerConfiguration<K, V> configuration) {
    ListenerRegistration<K, V> registration = ListenerRegistration.of(configuration);
    ListenerRegistration<K, V>[] current = registrations;
    ListenerRegistration<K, V>[] next = Arrays.copyOf(current, current.length + 1);
    next[current.length] = registration;
    registrations = next;
    return registration;
  }

  /** Removes the registration made from {@code configuration}; returns it, or null. */
  public synchronized ListenerRegistration<K, V> deregister(
      CacheEntryListenerConfiguration<K, V> configuration) {
    ListenerRegistration<K, V>[] current = registrations;
    for (int i = 0; i < current.length; i++) {
      if (current[i].configuration().equals(configuration)) {
        List<ListenerRegistration<K, V>> next = new ArrayList<>(Arrays.asList(current));
        ListenerRegistration<K, V> removed = next.remove(i);
        @SuppressWarnings({"unchecked", "rawtypes"}) // generic arrays cannot be created
        ListenerRegistration<K, V>[] array = next.toArray(new ListenerRegistration[0]);
        registrations = array;
        return removed;
      }
    }
    return null;
  }

  /** Removes every registration; returns them so the cache can close their listeners. */
  @SuppressWarnings("unchecked")
  public synchronized List<ListenerRegistration<K, V>> deregisterAll() {
    List<ListenerRegistration<K, V>> all = List.of(registrations);
    registrations = NONE;
    return all;
  }

  @Override
  public void onEvent(ChangeType type, K key, V oldValue, V newValue) {
    if (type == ChangeType.EVICTED) {
      evictionCounter.run(); // JSR-107 has no eviction event
      return;
    }
    ListenerRegistration<K, V>[] current = registrations;
    if (current.length == 0) {
      return;
    }
    EventType jcacheType = toJCache(type);
    V value = jcacheType == EventType.CREATED ? newValue : oldValue;
    FirstFailure failure = null;
    for (ListenerRegistration<K, V> registration : current) {
      if (!registration.listensTo(jcacheType)) {
        continue;
      }
      // Copies per registration (when storing by value): what one listener does to its event's
      // key or value is seen by no other listener, as it is seen by no reader of the cache.
      DualCacheEntryEvent<K, V> event =
          newEvent(
              registration,
              jcacheType,
              copies.out(key),
              copies.out(value),
              jcacheType == EventType.UPDATED ? copies.out(newValue) : null);
      if (registration.isSynchronous()) {
        Throwable thrown = deliverNow(registration, event);
        if (thrown != null) {
          if (failure == null) {
            failure = new FirstFailure("the synchronous listeners", source.getName());
          }
          failure.add(thrown);
        }
      } else {
        asyncStripes[(key.hashCode() & 0x7fffffff) % ASYNC_STRIPES].execute(
            () -> deliverLater(registration, event));
      }
    }
    if (failure != null) {
      failure.rethrow();
    }
  }

  /**
   * The event as {@code registration} sees it: an update carries its old value only for
   * registrations that asked for it; removals and expiries always carry the value that left.
   */
  private DualCacheEntryEvent<K, V> newEvent(
      ListenerRegistration<K, V> registration, EventType type, K key, V value, V newValue) {
    return switch (type) {
      case CREATED -> new DualCacheEntryEvent<>(source, type, key, value, null, false);
      case UPDATED ->
          registration.isOldValueRequired()
              ? new DualCacheEntryEvent<>(source, type, key, newValue, value, true)
              : new DualCacheEntryEvent<>(source, type, key, newValue, null, false);
      case REMOVED, EXPIRED -> new DualCacheEntryEvent<>(source, type, key, value, value, true);
    };
  }

  /** Delivers in the caller's thread; returns what the caller is to get, or null. */
  private Throwable deliverNow(
      ListenerRegistration<K, V> registration, CacheEntryEvent<K, V> event) {
    try {
      registration.deliver(event);
      return null;
    } catch (CacheEntryListenerException | Error e) {
      return e;
    } catch (RuntimeException e) {
      return new CacheEntryListenerException(
          "synchronous listener "
              + registration.listener()
              + " of cache \""
              + source.getName()
              + "\" failed on "
              + event,
          e);
    }
  }

  /** Delivers on the executor: a failure is logged here, once, and the next event goes on. */
  private void deliverLater(ListenerRegistration<K, V> registration, CacheEntryEvent<K, V> event) {
    try {
      registration.deliver(event);
    } catch (RuntimeException | Error e) {
      LOG.log(
          Level.WARNING,
          "asynchronous listener "
              + registration.listener()
              + " of cache \""
              + source.getName()
              + "\" failed on "
              + event
              + "; the next event is delivered",
          e);
    }
  }

  private static EventType toJCache(ChangeType type) {
    return switch (type) {
      case CREATED -> EventType.CREATED;
      case REPLACED -> EventType.UPDATED;
      case EXPLICIT -> EventType.REMOVED;
      case EXPIRED -> EventType.EXPIRED;
      case EVICTED -> throw new IllegalArgumentException("evictions are not JSR-107 events");
    };
  }
}
