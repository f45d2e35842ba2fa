package io.dualcache.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One entry. The index, the hot tiers and the policy all point at the same node, so a write changes
 * a value in one place and every reader sees it.
 *
 * <p>Life cycle: created live; a write replaces its value in place; a removal sets the value to
 * {@code null} first (that store is the removal's linearization point) and only then takes the node
 * out of the index. A dead node never comes back.
 *
 * <p>This base class is all an unbounded cache needs (32 bytes with compressed oops). A bounded
 * cache uses {@link PolicyNode}, and a weight-bounded one {@link WeightedNode}.
 */
class Node<K, V> {

  /** Deadline of an entry that never expires. */
  static final long ETERNAL = Long.MAX_VALUE;

  private static final VarHandle VALUE;
  private static final VarHandle DEADLINE;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      VALUE = lookup.findVarHandle(Node.class, "value", Object.class);
      DEADLINE = lookup.findVarHandle(Node.class, "deadline", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The spread hash of the key (see {@link Index#spread}). Immutable. */
  final int hash;

  /** The key. Immutable; null only in the index's tombstone. */
  final K key;

  /**
   * The value, or {@code null} once the entry is dead. Written by the holder of the key's segment
   * lock with a release store; read with acquire, so whoever sees a value sees the node's other
   * writes that preceded it.
   */
  @SuppressWarnings("unused") // accessed through VALUE
  private Object value;

  /**
   * The tick at which the entry expires ({@code <=} the current tick means expired), or {@link
   * #ETERNAL}. Written with a release store by the lock holder, or by a reader moving the deadline
   * on access (no lock: the last store wins); read opaque.
   */
  @SuppressWarnings("unused") // accessed through DEADLINE
  private long deadline;

  Node(int hash, K key, V value, long deadline) {
    this.hash = hash;
    this.key = key;
    DEADLINE.set(this, deadline);
    VALUE.set(this, value); // published by the release store that links the node into the index
  }

  /** The value with acquire semantics; {@code null} if the node is dead. */
  @SuppressWarnings("unchecked")
  final V value() {
    return (V) VALUE.getAcquire(this);
  }

  /** Replaces the value (lock holder only). */
  final void setValue(V newValue) {
    VALUE.setRelease(this, newValue);
  }

  /** Marks the node dead: the linearization point of its removal (lock holder only). */
  final void kill() {
    VALUE.setRelease(this, null);
  }

  final long deadline() {
    return (long) DEADLINE.getOpaque(this);
  }

  final void setDeadline(long tick) {
    DEADLINE.setRelease(this, tick);
  }

  /** The entry's weight: 1 unless the cache is bounded by weight. */
  int weight() {
    return 1;
  }

  /**
   * Sets the weight (lock holder only, before the node is queued to the daemon, which publishes
   * it). Ignored by nodes of caches not bounded by weight.
   */
  void setWeight(int weight) {}

  @Override
  public String toString() {
    return "Node[" + key + "]";
  }
}
