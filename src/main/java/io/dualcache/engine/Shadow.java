package io.dualcache.engine;

import java.util.function.IntPredicate;

/**
 * A scaled copy of the policy: the same {@link Policy} code with a fixed window share, a capacity
 * scaled down like its input, and nodes that stand for keys it knows only by hash. The {@link
 * WindowTuner} feeds it a sample of the cache's accesses and counts its hits. It reads the cache's
 * {@link FrequencySketch} (frequencies are a property of the access stream, and the sketch has seen
 * all of it) but never writes to it. Owned by the maintenance thread.
 */
final class Shadow {

  private final Policy<Object, Object> policy;
  private final ShadowIndex index = new ShadowIndex();
  private final Policy.Evictor<Object, Object> evictor = this::drop;

  private final FrequencySketch sketch;

  Shadow(long maximum, FrequencySketch sketch, double windowShare) {
    this.policy = Policy.shadow(maximum, sketch, windowShare);
    this.sketch = sketch;
  }

  /**
   * A shadow of {@code maximum} holding copies of the nodes of {@code source} (the cache's own
   * policy, or another shadow) whose hash {@code sampled} accepts, each in the same region, place
   * and rank. Allocates a node per entry copied, at most {@link WindowTuner#SHADOW_ENTRIES} when
   * the sample is the tuner's.
   */
  static Shadow of(
      Policy<?, ?> source, IntPredicate sampled, long maximum, FrequencySketch sketch) {
    Shadow shadow = new Shadow(maximum, sketch, 0);
    shadow.policy.copyOf(
        source,
        n -> {
          if (!sampled.test(n.hash) || shadow.index.get(n.hash) != null) {
            return null; // not sampled, or a second key of that hash: they share one entry here
          }
          PolicyNode<Object, Object> node = newNode(n.hash, n.policyWeight());
          shadow.index.add(node);
          return node;
        });
    return shadow;
  }

  /** A copy of this shadow, to be run on at another share (the caller sets it). */
  Shadow copy() {
    return of(policy, hash -> true, policy.maximum(), sketch);
  }

  void setWindowShare(double share) {
    policy.setWindowShare(share);
  }

  /** Replays one access to the key with spread hash {@code hash}; returns whether it hit. */
  boolean access(int hash, int weight) {
    PolicyNode<Object, Object> node = index.get(hash);
    boolean hit = node != null;
    if (hit) {
      if (node.weightOpaque() != weight) {
        node.setWeightOpaque(weight); // a plain node ignores it: the shadow keeps weight 1, a blur
        policy.onWeightChange(node);
      }
      policy.onHit(node);
    } else {
      node = newNode(hash, weight);
      index.add(node);
      policy.onAdd(node);
    }
    policy.evict(evictor);
    return hit;
  }

  private static PolicyNode<Object, Object> newNode(int hash, int weight) {
    // Weight 1 (every entry of a cache bounded by size) needs no weights nor deadline: 16 bytes
    // less.
    return weight == 1
        ? new PolicyNode<>(hash, null, true)
        : new WeightedNode<>(hash, null, true, Node.ETERNAL, weight);
  }

  /** Entries held (for tests). */
  int size() {
    return index.size();
  }

  private boolean drop(PolicyNode<Object, Object> victim) {
    index.remove(victim.hash);
    policy.onRemove(victim);
    return true;
  }
}
