package io.dualcache.engine;

/**
 * The one place that calls the cache's {@link EntryListener} and decides what its failure does: in
 * a caller's write, the failure ({@link Error}s included) is handed back, to be rethrown once the
 * write is complete (unlocked, queued for the policy); in maintenance, it is logged and maintenance
 * goes on.
 */
final class ListenerCalls<K, V> {

  /** Null when nobody listens. */
  private final EntryListener<K, V> listener;

  ListenerCalls(EntryListener<K, V> listener) {
    this.listener = listener;
  }

  Throwable fireCreated(Node<K, V> n) {
    return fire(ChangeType.CREATED, n.key, null, n.valueAcquire());
  }

  /**
   * Fires one event in the calling thread; returns what the listener threw, {@link Error}s
   * included, instead of throwing it: the change it reports has taken effect and must be finished
   * (unlocked, queued for the policy) before the caller hears of the failure.
   */
  Throwable fire(ChangeType type, K key, V oldValue, V newValue) {
    if (listener == null) {
      return null;
    }
    try {
      listener.onEvent(type, key, oldValue, newValue);
      return null;
    } catch (Throwable e) { // NOPMD: rethrown to the caller once the write is complete
      return e;
    }
  }

  /**
   * Logs a listener's failure in maintenance. The key is left out of the message: its toString is
   * user code too, and may be what fails. Logging itself may fail (out of memory): maintenance goes
   * on regardless.
   */
  private void logQuietly(ChangeType type, Throwable e) {
    try {
      System.getLogger(ListenerCalls.class.getName())
          .log(System.Logger.Level.WARNING, "entry listener failed on " + type, e);
    } catch (RuntimeException | Error ignored) {
      // nothing more can be done for this event
    }
  }

  static Throwable first(Throwable a, Throwable b) {
    return a != null ? a : b;
  }

  /** Rethrows a user object's failure as it was thrown (a checked one sneaked in: wrapped). */
  static void throwIfFailed(Throwable failure) {
    if (failure == null) {
      return;
    }
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    throw new IllegalStateException("entry listener threw a checked exception", failure);
  }

  /** An event from maintenance, where nobody could catch an exception: a failure is logged. */
  void notifyQuietly(ChangeType type, K key, V oldValue, V newValue) {
    Throwable e = fire(type, key, oldValue, newValue);
    if (e != null) {
      logQuietly(type, e);
    }
  }
}
