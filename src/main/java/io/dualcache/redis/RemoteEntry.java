package io.dualcache.redis;

import io.dualcache.engine.EditableEntry;
import io.dualcache.engine.Expiry;
import io.dualcache.engine.Limits;

/**
 * The entry a {@link SharedCache#compute} action sees: the value Redis held when the compute read
 * it, and the one change the action asks for (the last request wins), which the compute then
 * applies to Redis by compare-and-set. Lifetimes are in nanoseconds with the meanings of {@link
 * EditableEntry#setValue(Object, long)}; a value set without one gets its lifetime from the cache's
 * expiry (eternal without one). Confined to the computing thread.
 */
final class RemoteEntry<K, V> implements EditableEntry<K, V> {

  /** The change asked for; each decides the Redis command and the events. */
  enum Change {
    /** Nothing to write. */
    NONE(false),
    /** A new value for an absent key: SET; created. */
    CREATE(false),
    /** A new value for a present key: SET; replaced. */
    REPLACE(false),
    /** The key removed: DEL; removed. */
    REMOVE(true),
    /** A new value that expires at once: DEL; replaced, then expired. */
    REPLACE_EXPIRED(true),
    /** The present value's lifetime set to zero: DEL; expired. */
    EXPIRE_NOW(true),
    /** The present value's lifetime moved: PEXPIRE or PERSIST; no event. */
    TOUCH(false);

    /** Whether Redis deletes the key. */
    final boolean deletes;

    Change(boolean deletes) {
      this.deletes = deletes;
    }
  }

  private final K key;
  private final V current;
  private final Expiry<K, V> expiry;
  private V value;
  private V written;
  private Change change = Change.NONE;
  private long lifetime = Expiry.KEEP;

  /**
   * @param current what Redis holds, or null
   * @param expiry the cache's expiry, or null for eternal entries
   */
  RemoteEntry(K key, V current, Expiry<K, V> expiry) {
    this.key = key;
    this.current = current;
    this.value = current;
    this.expiry = expiry;
  }

  @Override
  public K key() {
    return key;
  }

  @Override
  public boolean exists() {
    return value != null;
  }

  @Override
  public V value() {
    return value;
  }

  @Override
  public void setValue(V newValue) {
    requireValue(newValue);
    long nanos;
    if (expiry == null) {
      nanos = Expiry.ETERNAL;
    } else if (current == null) {
      nanos = expiry.afterCreate(key, newValue);
    } else {
      nanos = expiry.afterUpdate(key, newValue);
    }
    setValue(newValue, nanos);
  }

  @Override
  public void setValue(V newValue, long expiryNanos) {
    requireValue(newValue);
    Limits.lifetime(expiryNanos);
    long nanos = current == null && expiryNanos == Expiry.KEEP ? Expiry.ETERNAL : expiryNanos;
    if (nanos == 0) { // expires at once: a new entry is never stored, an existing one goes
      set(newValue, current == null ? Change.NONE : Change.REPLACE_EXPIRED, 0);
    } else {
      set(newValue, current == null ? Change.CREATE : Change.REPLACE, nanos);
    }
  }

  @Override
  public void setExpiry(long expiryNanos) {
    Limits.lifetime(expiryNanos);
    if (change == Change.CREATE || change == Change.REPLACE) {
      if (expiryNanos != Expiry.KEEP) {
        setValue(value, expiryNanos);
      }
    } else if (change == Change.NONE && current != null && expiryNanos != Expiry.KEEP) {
      if (expiryNanos == 0) {
        set(null, Change.EXPIRE_NOW, 0);
      } else {
        set(current, Change.TOUCH, expiryNanos);
      }
    }
  }

  @Override
  public void remove() {
    set(null, current == null ? Change.NONE : Change.REMOVE, Expiry.KEEP);
  }

  private void set(V newValue, Change newChange, long nanos) {
    written = newValue;
    value = newChange == Change.REPLACE_EXPIRED ? null : newValue;
    change = newChange;
    lifetime = nanos;
  }

  private static void requireValue(Object value) {
    if (value == null) {
      throw new NullPointerException("value must not be null");
    }
  }

  /** The value Redis held when the compute read it, or null. */
  V current() {
    return current;
  }

  /** The value the action set last, also one that expired at once; null after a remove. */
  V written() {
    return written;
  }

  /** The change asked for. */
  Change change() {
    return change;
  }

  /**
   * The lifetime to write with {@link Change#CREATE}, {@link Change#REPLACE} or {@link
   * Change#TOUCH}: nanoseconds, {@link Expiry#ETERNAL} or {@link Expiry#KEEP}.
   */
  long lifetime() {
    return lifetime;
  }
}
