package io.dualcache.jcache;

import io.dualcache.engine.EditableEntry;
import io.dualcache.engine.Expiry;
import io.dualcache.engine.KeyValueStore;
import io.dualcache.jcache.usercode.Copies;

/**
 * How an operation changes an entry inside the engine's compute of its key, as the single-key
 * operations, the bulk operations and the entry processors all do: first write through (so a
 * failing writer leaves the entry as it was), then ask the expiry policy, then set or remove.
 */
final class EntryWrites<K, V> {

  private final KeyValueStore<K, V> store;
  private final Copies copies;
  private final ExpiryPolicyAdapter<K, V> expiry;
  private final WriteThrough<K, V> writer;

  EntryWrites(
      KeyValueStore<K, V> store,
      Copies copies,
      ExpiryPolicyAdapter<K, V> expiry,
      WriteThrough<K, V> writer) {
    this.store = store;
    this.copies = copies;
    this.expiry = expiry;
    this.writer = writer;
  }

  /**
   * Writes {@code value} through (if {@code write}) and stores it with the creation or update
   * lifetime. Returns whether the cache holds it now: a new entry that expires at once is never
   * stored, has no event and is no put.
   */
  boolean store(EditableEntry<K, V> entry, K key, V value, V storedValue, boolean write) {
    boolean existed = entry.exists();
    if (write) {
      writer.write(key, value); // first: if it fails, the cache stays as it was
    }
    long lifetime = existed ? expiry.update() : expiry.creation();
    if (!existed && lifetime == 0) {
      return false;
    }
    entry.setValue(storedValue, lifetime);
    return true;
  }

  /**
   * Stores a loaded value without writing it through: creates the entry, or replaces its value if
   * {@code replace}. Returns the value the cache now holds for the key (as the caller may see it),
   * or null if the entry expired as it was created.
   */
  V storeLoaded(K key, V value, boolean replace) {
    V stored = copies.in(value);
    return store.compute(
        copies.in(key),
        entry -> {
          if (entry.exists()) {
            if (!replace) {
              return copies.out(entry.value());
            }
            entry.setValue(stored, expiry.update());
            return value;
          }
          long lifetime = expiry.creation();
          if (lifetime == 0) {
            return null;
          }
          entry.setValue(stored, lifetime);
          return value;
        });
  }

  /** Deletes {@code key} through the writer and removes its entry; returns the value it had. */
  V removeAndGet(K key) {
    return store.compute(
        key,
        e -> {
          writer.delete(key); // also for an absent key: the store may have it
          V value = e.value();
          if (value != null) {
            e.remove();
          }
          return value;
        });
  }

  /**
   * {@code remove(key, expected)} when {@code newValue} is null, else {@code replace(key, expected,
   * newValue)}: MISS if the key is absent; HIT if its value is not {@code expected}, after applying
   * the access expiry (a compare that fails is an access); else CHANGED, after writing through.
   */
  Outcome compareAndSet(K key, V expected, V newValue, V storedValue) {
    return store.compute(
        key,
        e -> {
          if (!e.exists()) {
            return Outcome.MISS;
          }
          if (!e.value().equals(expected)) {
            touch(e);
            return Outcome.HIT;
          }
          if (newValue == null) {
            writer.delete(key);
            e.remove();
          } else {
            replace(e, key, newValue, storedValue);
          }
          return Outcome.CHANGED;
        });
  }

  /**
   * Writes {@code value} through, then replaces the present entry's value with the update lifetime.
   */
  void replace(EditableEntry<K, V> entry, K key, V value, V storedValue) {
    writer.write(key, value);
    entry.setValue(storedValue, expiry.update());
  }

  /** Applies the access expiry to a present entry that was read inside a compute. */
  void touch(EditableEntry<K, V> entry) {
    long lifetime = expiry.access();
    if (lifetime != Expiry.KEEP) {
      entry.setExpiry(lifetime);
    }
  }

  /** Removes the entry if it is there; returns whether it was (without writing through). */
  static <K, V> boolean removeIfPresent(EditableEntry<K, V> entry) {
    if (!entry.exists()) {
      return false;
    }
    entry.remove();
    return true;
  }

  /** How a conditional operation went, for the statistics. */
  enum Outcome {
    /** The key was absent. */
    MISS,
    /** The key was present, nothing changed. */
    HIT,
    /** The operation changed the entry (for putIfAbsent: created it). */
    CHANGED
  }
}
