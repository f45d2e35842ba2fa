package io.dualcache.jcache;

import io.dualcache.jcache.usercode.Copies;
import javax.cache.processor.MutableEntry;

/**
 * The {@link MutableEntry} an {@link javax.cache.processor.EntryProcessor} works on. It records
 * what the processor did as one net {@link Operation}, which the cache applies atomically once the
 * processor returned: setting a value on an absent entry and then removing it is no change at all;
 * removing a present entry and setting a value again is an update.
 *
 * <p>Used by one thread, inside the engine's compute of the key: not thread-safe.
 */
final class ProcessorEntry<K, V> implements MutableEntry<K, V> {

  /** The net effect of the processor on the entry. */
  enum Operation {
    /** Nothing: the entry was not read, or was absent and stays absent. */
    NONE,
    /** The value was read: the access expiry applies. */
    ACCESS,
    /** A value was set on an absent entry. */
    CREATE,
    /** An absent entry was read through the loader: stored, but not written through. */
    LOAD,
    /** A value was set on a present entry. */
    UPDATE,
    /** The entry was removed. */
    REMOVE
  }

  private final K key;
  private final V stored;
  private final Copies copies;
  private final ReadThrough<K, V> readThrough;
  private final TypeCheck types;
  private V value;
  private Operation operation = Operation.NONE;

  /**
   * @param key the key the caller passed
   * @param stored the value in the cache when the processor started, or null
   * @param readThrough the loader when the cache reads through, else null
   * @param types the cache's configured types, which {@link #setValue} checks
   */
  ProcessorEntry(K key, V stored, Copies copies, ReadThrough<K, V> readThrough, TypeCheck types) {
    this.key = key;
    this.stored = stored;
    this.copies = copies;
    this.readThrough = readThrough;
    this.types = types;
  }

  @Override
  public K getKey() {
    return key;
  }

  @Override
  public V getValue() {
    if (operation == Operation.NONE && stored != null && value == null) {
      value = copies.out(stored); // the processor may change it: it must not be the cache's own
    }
    if (value != null) {
      if (operation == Operation.NONE) {
        operation = Operation.ACCESS;
      }
    } else if (readThrough != null) {
      value = readThrough.load(key);
      if (value != null) {
        operation = Operation.LOAD;
      }
    }
    return value;
  }

  @Override
  public boolean exists() {
    return (operation == Operation.NONE && stored != null) || value != null;
  }

  @Override
  public void remove() {
    operation =
        operation == Operation.CREATE || operation == Operation.LOAD
            ? Operation.NONE
            : Operation.REMOVE;
    value = null;
  }

  @Override
  public void setValue(V newValue) {
    if (newValue == null) {
      throw new NullPointerException("an entry processor cannot set a null value for " + key);
    }
    types.check(key, newValue); // a ClassCastException: the processor fails, nothing is set
    operation = stored != null ? Operation.UPDATE : Operation.CREATE;
    value = newValue;
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    throw new IllegalArgumentException(
        "an entry processor's entry cannot be unwrapped to " + clazz.getName());
  }

  Operation operation() {
    return operation;
  }

  /** The value the processor set or loaded (for CREATE, LOAD and UPDATE). */
  V value() {
    return value;
  }

  /** Whether the entry was present when the processor started. */
  boolean existed() {
    return stored != null;
  }
}
