package io.dualcache.engine;

/** A node of a cache bounded by weight: a {@link PolicyNode} that remembers its weight. */
final class WeightedNode<K, V> extends PolicyNode<K, V> {

  /**
   * The weight the writer computed. Written by the key's lock holder before the node is queued to
   * the daemon; read by the daemon after it took the node from the queue (the queue publishes it).
   */
  private int weight;

  /** The weight the policy accounted for. Maintenance owner only. */
  private int policyWeight;

  WeightedNode(int hash, K key, V value, long deadline, int weight) {
    super(hash, key, value, deadline);
    this.weight = weight;
  }

  @Override
  int weight() {
    return weight;
  }

  @Override
  void setWeight(int weight) {
    this.weight = weight;
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
