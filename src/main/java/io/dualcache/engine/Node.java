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
 */
final class Node<K, V> {

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

  /** The spread hash of the key (see {@link NodeTable#spread}). Immutable. */
  final int hash;

  /** The key. Immutable, never null. */
  final K key;

  /**
   * The value, or {@code null} once the entry is dead. Written by the holder of the key's lock with
   * a release store; read with acquire, so whoever sees a value sees the node's other writes.
   */
  @SuppressWarnings("unused") // accessed through VALUE
  private Object value;

  /**
   * The tick at which the entry expires ({@code <=} current tick means expired), or {@link
   * #ETERNAL}. Written with a release store by the lock holder, or by a reader moving the deadline
   * on access (no lock: last store wins); read opaque.
   */
  @SuppressWarnings("unused") // accessed through DEADLINE
  private long deadline;

  /** The entry's weight. Written under the key's lock before the node is queued to the daemon. */
  int weight;

  // ---- Policy state: written and read by the maintenance owner only (plain). ----

  /** Neighbours in the policy's queue; a node is in at most one queue. */
  Node<K, V> prev;

  Node<K, V> next;

  /** Which policy queue holds the node ({@link Policy} constants); 0 = none. */
  byte queue;

  /** The Clock rank: raised by hits, decayed by the passing hand. */
  byte rank;

  /** The weight the policy has accounted for this node. */
  int policyWeight;

  Node(int hash, K key, V value, long deadline, int weight) {
    this.hash = hash;
    this.key = key;
    this.weight = weight;
    DEADLINE.set(this, deadline);
    VALUE.set(this, value); // published by the release store that links the node into the index
  }

  /** The value with acquire semantics; {@code null} if the node is dead. */
  @SuppressWarnings("unchecked")
  V value() {
    return (V) VALUE.getAcquire(this);
  }

  /** Replaces the value (lock holder only). */
  void setValue(V newValue) {
    VALUE.setRelease(this, newValue);
  }

  /** Marks the node dead: the linearization point of its removal (lock holder only). */
  void kill() {
    VALUE.setRelease(this, null);
  }

  long deadline() {
    return (long) DEADLINE.getOpaque(this);
  }

  void setDeadline(long tick) {
    DEADLINE.setRelease(this, tick);
  }

  /** Whether the node is expired at {@code tick}. */
  boolean isExpiredAt(long tick) {
    return deadline() <= tick;
  }

  @Override
  public String toString() {
    return "Node[" + key + "]";
  }
}
