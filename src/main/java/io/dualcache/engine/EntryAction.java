package io.dualcache.engine;

/**
 * An atomic read-modify-write of one entry, run by {@link DualCache#compute} while the key's lock
 * is held. It may call out (load, write through), but must not write to the same key of the same
 * cache.
 */
@FunctionalInterface
public interface EntryAction<K, V, R> {

  /** Reads and changes {@code entry}; the result is handed back to the caller of compute. */
  R apply(EditableEntry<K, V> entry);
}
