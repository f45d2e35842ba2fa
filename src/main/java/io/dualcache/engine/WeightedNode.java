package io.dualcache.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A node of a cache bounded by weight: an {@link ExpiringPolicyNode} that remembers its weight. It
 * keeps a deadline word whether or not its cache expires: one class fewer, for 8 bytes an entry of
 * the caches bounded by weight.
 */
class WeightedNode<K, V> extends ExpiringPolicyNode<K, V> {

  private static final VarHandle WEIGHT;

  static {
    try {
      WEIGHT = MethodHandles.lookup().findVarHandle(WeightedNode.class, "weight", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /**
   * The weight the writer computed. Written (opaque) by the key's lock holder before the node is
   * queued to maintenance; read opaque by maintenance, which may see a newer weight than the one
   * the queue published: it reads it once per reconciliation, and the writer of a newer weight
   * queues the node again.
   */
  @SuppressWarnings("unused") // accessed through WEIGHT
  private int weight;

  /** The weight the policy accounted for. Maintenance owner only (plain). */
  private int policyWeight;

  WeightedNode(int hash, K key, V value, long deadline, int weight) {
    super(hash, key, value, deadline);
    WEIGHT.set(this, weight); // published with the node
  }

  @Override
  int weightOpaque() {
    return (int) WEIGHT.getOpaque(this);
  }

  @Override
  void setWeightOpaque(int weight) {
    WEIGHT.setOpaque(this, weight);
  }

  @Override
  int policyWeight() {
    return policyWeight;
  }

  @Override
  void setPolicyWeight(int weight) {
    this.policyWeight = weight;
  }
}
