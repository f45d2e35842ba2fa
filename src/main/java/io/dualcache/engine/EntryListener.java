package io.dualcache.engine;

/**
 * Receives every creation, replacement and removal of an entry. {@link DualCache#clear()} reports
 * nothing.
 *
 * <p>The listener runs synchronously while the engine holds the key's lock, so the events of one
 * key arrive in the order the changes happened: {@link ChangeType#CREATED}, {@link
 * ChangeType#REPLACED} and {@link ChangeType#EXPLICIT} in the thread that made the change, right
 * after it took effect; {@link ChangeType#EXPIRED} in the thread that found the entry expired (a
 * reader, a writer or the daemon); {@link ChangeType#EVICTED} in the daemon or in a writer helping
 * it. Keep it short and do not write to the cache from it. An exception thrown in a caller's thread
 * reaches that caller after the change was made; one thrown in the daemon is logged and ignored.
 */
@FunctionalInterface
public interface EntryListener<K, V> {

  /**
   * Called once per event.
   *
   * @param type what happened
   * @param key the entry's key
   * @param oldValue the value before the change, or {@code null} for {@link ChangeType#CREATED}
   * @param newValue the value after the change, or {@code null} for a removal
   */
  void onEvent(ChangeType type, K key, V oldValue, V newValue);
}
