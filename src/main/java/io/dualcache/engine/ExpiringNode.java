package io.dualcache.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A node of an unbounded cache with an {@link Expiry}: a {@link Node} plus the deadline word (32
 * bytes with compressed oops). {@link ExpiringPolicyNode} keeps the same word for bounded caches.
 */
final class ExpiringNode<K, V> extends Node<K, V> {

  private static final VarHandle DEADLINE;

  static {
    try {
      DEADLINE = MethodHandles.lookup().findVarHandle(ExpiringNode.class, "deadline", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The deadline word (see {@link Node}): the key's lock holder and moving readers write it. */
  @SuppressWarnings("unused") // accessed through DEADLINE
  private long deadline;

  ExpiringNode(int hash, K key, V value, long deadline) {
    super(hash, key, value);
    DEADLINE.set(this, deadline); // published with the node
  }

  @Override
  long deadlineWordOpaque() {
    return (long) DEADLINE.getOpaque(this);
  }

  @Override
  long deadlineWordAcquire() {
    return (long) DEADLINE.getAcquire(this);
  }

  @Override
  void setDeadlineRelease(long tick) {
    // The opaque read is enough: only the lock holder stamps.
    DEADLINE.setRelease(this, nextDeadlineWord((long) DEADLINE.getOpaque(this), tick));
  }

  @Override
  boolean compareAndSetDeadline(long seen, long tick) {
    return DEADLINE.compareAndSet(this, seen, movedDeadlineWord(seen, tick));
  }
}
