package io.dualcache.engine;

/**
 * The view of one entry that an {@link EntryAction} gets inside {@link DualCache#compute}. Changes
 * are recorded and applied only when the action returns normally; if it throws, the cache is left
 * as it was and no event fires. An expired entry is seen as absent.
 */
public interface EditableEntry<K, V> {

  /** The key. */
  K key();

  /** Whether the entry exists, taking changes made so far in this action into account. */
  boolean exists();

  /** The value, or {@code null} if absent, taking changes made so far into account. */
  V value();

  /** Sets the value; the deadline comes from the cache's {@link Expiry}. */
  void setValue(V value);

  /**
   * Sets the value with an explicit lifetime in nanoseconds: {@link Expiry#ETERNAL}, {@code 0} to
   * expire at once (a new entry is then not stored; an existing one is replaced and expires, to be
   * dropped with an {@link ChangeType#EXPIRED} event when next found), or {@link Expiry#KEEP} to
   * keep the current deadline of an existing entry.
   *
   * @throws IllegalStateException if the lifetime is neither {@link Expiry#ETERNAL} nor {@link
   *     Expiry#KEEP} and the cache was built without an {@link Expiry}: such a cache keeps no
   *     deadlines (its entries are smaller for it)
   */
  void setValue(V value, long expiryNanos);

  /**
   * Moves the deadline of the entry without changing its value (a lifetime in nanoseconds, as in
   * {@link #setValue(Object, long)}, and refused in the same case); no event fires. Does nothing if
   * the entry is absent.
   */
  void setExpiry(long expiryNanos);

  /** Removes the entry; reported as {@link ChangeType#EXPLICIT}. */
  void remove();
}
