package io.dualcache.engine;

/**
 * A node of a cache bounded by size: a {@link Node} plus the {@link Policy}'s bookkeeping (40 bytes
 * with compressed oops). Every field here is read and written by the maintenance owner only (plain
 * accesses): the thread holding the maintenance lock.
 */
class PolicyNode<K, V> extends Node<K, V> {

  /**
   * Neighbours in the window or probation list, or in the protected Clock's circle; a node is in at
   * most one of them.
   */
  PolicyNode<K, V> prev;

  PolicyNode<K, V> next;

  /**
   * Which policy region holds the node: {@link Policy#NONE}, {@link Policy#WINDOW}, {@link
   * Policy#PROBATION} or {@link Policy#PROTECTED}.
   */
  byte queue;

  /** The Clock rank: raised by hits, decayed by the passing hand. */
  byte rank;

  PolicyNode(int hash, K key, V value) {
    super(hash, key, value);
  }

  /** The weight the policy has accounted for this node. */
  int policyWeight() {
    return 1;
  }

  void setPolicyWeight(int weight) {}
}
