package io.dualcache.redis;

import io.dualcache.engine.ChangeType;
import io.dualcache.engine.DualCache;
import io.dualcache.engine.EditableEntry;
import io.dualcache.engine.EntryAction;
import io.dualcache.engine.EntryListener;
import io.dualcache.engine.Expiry;
import java.util.concurrent.atomic.LongAdder;

/**
 * The write protocol of one shared cache (see {@link SharedCache}): each write runs inside the near
 * cache's compute of its key, reads what Redis holds, runs the action on it, compare-and-sets the
 * result, and only then updates the near copy (under its fill ticket) and tells the listener.
 */
final class SharedWrites<K, V> {

  /** A compute that loses this many compare-and-sets in a row gives up. */
  private static final int MAX_ATTEMPTS = 10_000;

  private final RedisSharing sharing;
  private final String name;
  private final RedisKeys keys;
  private final FillTickets tickets;
  private final DualCache<K, V> near;
  private final Expiry<K, V> expiry;
  private final EntryListener<K, V> listener;
  private final LongAdder retries;

  SharedWrites(
      RedisSharing sharing,
      String name,
      RedisKeys keys,
      FillTickets tickets,
      DualCache<K, V> near,
      Expiry<K, V> expiry,
      EntryListener<K, V> listener,
      LongAdder retries) {
    this.sharing = sharing;
    this.name = name;
    this.keys = keys;
    this.tickets = tickets;
    this.near = near;
    this.expiry = expiry;
    this.listener = listener;
    this.retries = retries;
  }

  /** {@link SharedCache#compute} of {@code key}, whose Redis key is {@code k}. */
  <R> R compute(K key, byte[] k, EntryAction<K, V, R> action) {
    Failures failures = new Failures();
    R result = near.compute(key, nearEntry -> computeShared(key, k, action, nearEntry, failures));
    failures.rethrow();
    return result;
  }

  /**
   * A put without expiry: one {@code SET ... GET} (not a compare-and-set: Redis before 7.2 sends a
   * client its own invalidations for keys a script wrote, so a plain command is also what keeps
   * this JVM's near copy after its put). Returns the value Redis held.
   */
  V put(K key, byte[] k, V value, byte[] v) {
    Failures failures = new Failures();
    V previous =
        near.compute(
            key,
            nearEntry -> {
              FillTickets.Ticket ticket = tickets.beforeWrite(k);
              byte[] old;
              try {
                old = sharing.commands().setGet(k, v);
              } catch (RuntimeException e) {
                nearEntry.remove();
                failures.command = sharing.failure("SET", name, e);
                return null;
              }
              V was = old == null ? null : decode(old);
              syncNear(nearEntry, value, Expiry.ETERNAL, ticket);
              failures.listener =
                  notifyListener(
                      key,
                      was == null ? RemoteEntry.Change.CREATE : RemoteEntry.Change.REPLACE,
                      was,
                      value);
              return was;
            });
    failures.rethrow();
    return previous;
  }

  /** The failures of a compute, thrown once the engine's compute has returned. */
  private static final class Failures {
    RuntimeException command;
    Throwable listener;

    void rethrow() {
      if (command != null) {
        throw command;
      }
      if (listener instanceof RuntimeException) {
        throw (RuntimeException) listener;
      }
      if (listener instanceof Error) {
        throw (Error) listener;
      }
    }
  }

  /** The body of {@link #compute}, under the engine's lock of the key. */
  private <R> R computeShared(
      K key,
      byte[] k,
      EntryAction<K, V, R> action,
      EditableEntry<K, V> nearEntry,
      Failures failures) {
    for (int attempt = 1; ; attempt++) {
      FillTickets.Ticket ticket = tickets.beforeWrite(k);
      long readSent = System.nanoTime();
      RedisScripts.Held held;
      try {
        held = RedisScripts.read(sharing.commands(), k);
      } catch (RuntimeException e) {
        nearEntry.remove();
        failures.command = sharing.failure("GET", name, e);
        return null;
      }
      V current = held.bytes() == null ? null : decode(held.bytes());
      RemoteEntry<K, V> entry = new RemoteEntry<>(key, current, expiry);
      R result = action.apply(entry);
      RemoteEntry.Change change = entry.change();
      if (change == RemoteEntry.Change.NONE) {
        // An equal near copy stays (a store-by-reference caller keeps its instance).
        V near =
            nearEntry.exists() && nearEntry.value().equals(current) ? nearEntry.value() : current;
        syncNear(nearEntry, near, remaining(held.lifetimeNanos(), readSent), ticket);
        return result;
      }
      byte[] value = entry.value() == null ? null : keys.encode(entry.value());
      boolean applied;
      long writeSent = System.nanoTime();
      try {
        applied =
            change == RemoteEntry.Change.CREATE
                ? RedisScripts.setIfAbsent(sharing.commands(), k, value, entry.lifetime())
                : RedisScripts.compareAndSet(
                    sharing.commands(), k, held.bytes(), change, value, entry.lifetime());
      } catch (RuntimeException e) {
        nearEntry.remove();
        failures.command = sharing.failure("compare-and-set", name, e);
        return null;
      }
      if (!applied) {
        retries.increment();
        if (attempt >= MAX_ATTEMPTS) {
          nearEntry.remove();
          failures.command =
              new SharedCacheException(
                  "shared cache '" + name + "': a write kept losing to other writers", null);
          return null;
        }
        continue;
      }
      long lifetime =
          entry.lifetime() == Expiry.KEEP
              ? remaining(held.lifetimeNanos(), readSent)
              : remaining(entry.lifetime(), writeSent);
      syncNear(nearEntry, entry.value(), lifetime, ticket);
      failures.listener = notifyListener(key, change, current, entry.written());
      return result;
    }
  }

  /**
   * Makes the near copy what Redis holds after a compute ({@code value}; null: nothing), if no
   * invalidation, flush, clear or loss of tracking came in since the compute's read; otherwise
   * drops it. The key's stripe moves either way, so a fill whose read was answered before this
   * write installs nothing.
   */
  private void syncNear(
      EditableEntry<K, V> nearEntry, V value, long lifetime, FillTickets.Ticket ticket) {
    if (tickets.writeMayInstall(ticket) && value != null && lifetime != 0) {
      if (!(nearEntry.exists() && nearEntry.value() == value)) {
        setNear(nearEntry, value, lifetime);
      }
    } else if (nearEntry.exists()) {
      nearEntry.remove();
    }
  }

  /** Tells the listener what the compute changed; returns what it threw, or null. */
  private Throwable notifyListener(K key, RemoteEntry.Change change, V previous, V value) {
    if (listener == null) {
      return null;
    }
    try {
      switch (change) {
        case CREATE -> listener.onEvent(ChangeType.CREATED, key, null, value);
        case REPLACE -> listener.onEvent(ChangeType.REPLACED, key, previous, value);
        case REMOVE -> listener.onEvent(ChangeType.EXPLICIT, key, previous, null);
        case EXPIRE_NOW -> listener.onEvent(ChangeType.EXPIRED, key, previous, null);
        case REPLACE_EXPIRED -> {
          listener.onEvent(ChangeType.REPLACED, key, previous, value);
          listener.onEvent(ChangeType.EXPIRED, key, value, null);
        }
        default -> {}
      }
      return null;
    } catch (RuntimeException | Error e) {
      return e;
    }
  }

  /**
   * What is left of a lifetime Redis started counting no earlier than {@code sentNanos} (when the
   * command went out): the near copy must not outlive the Redis key. 0 when nothing is left.
   */
  static long remaining(long lifetimeNanos, long sentNanos) {
    if (lifetimeNanos == Expiry.ETERNAL || lifetimeNanos == Expiry.KEEP) {
      return lifetimeNanos;
    }
    return Math.max(0, lifetimeNanos - (System.nanoTime() - sentNanos));
  }

  /** Sets the near copy, with {@code lifetimeNanos} unless the cache keeps no deadlines. */
  void setNear(EditableEntry<K, V> e, V value, long lifetimeNanos) {
    if (expiry == null) {
      e.setValue(value); // eternal: the near cache of a cache without expiry keeps no deadlines
    } else {
      e.setValue(value, lifetimeNanos);
    }
  }

  @SuppressWarnings("unchecked") // values of this cache
  private V decode(byte[] bytes) {
    return (V) keys.decode(bytes);
  }
}
