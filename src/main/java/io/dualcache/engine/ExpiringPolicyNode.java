package io.dualcache.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A node of a cache bounded by size with an {@link Expiry}, and the base of the weighted nodes: a
 * {@link PolicyNode} plus the deadline word (48 bytes with compressed oops), as {@link
 * ExpiringNode} adds it to a plain node.
 */
class ExpiringPolicyNode<K, V> extends PolicyNode<K, V> {

  private static final VarHandle DEADLINE;

  static {
    try {
      DEADLINE =
          MethodHandles.lookup().findVarHandle(ExpiringPolicyNode.class, "deadline", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The deadline word (see {@link Node}): the key's lock holder and moving readers write it. */
  @SuppressWarnings("unused") // accessed through DEADLINE
  private long deadline;

  ExpiringPolicyNode(int hash, K key, V value, long deadline) {
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
