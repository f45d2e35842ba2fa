package io.dualcache.engine;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Drives a {@link Policy} directly, the way {@link Maintenance} does for a single-threaded replay
 * with every hit seen: a miss adds a node, a hit reports it, and each access ends with an eviction
 * pass. Keys are ints; an optional weight per key; the evictor can be told to refuse some keys, as
 * when a writer holds their segment.
 */
final class PolicyDriver {

  final FrequencySketch sketch;
  final Policy<Integer, String> policy;
  final Map<Integer, PolicyNode<Integer, String>> nodes = new HashMap<>();
  final Set<Integer> busy = new HashSet<>();
  final Map<Integer, Integer> weights = new HashMap<>();
  final Set<Integer> evicted = new HashSet<>();
  private final boolean weighted;
  private long hits;
  private long requests;

  PolicyDriver(long maximum, boolean weighted) {
    this.sketch = new FrequencySketch(Math.max(16, maximum));
    this.policy = new Policy<>(maximum, sketch);
    this.weighted = weighted;
  }

  static PolicyDriver sized(long maximum) {
    return new PolicyDriver(maximum, false);
  }

  /** Requests {@code key}: a hit if present, else the key is added. Returns whether it hit. */
  boolean access(int key) {
    requests++;
    PolicyNode<Integer, String> n = nodes.get(key);
    boolean hit = n != null;
    if (hit) {
      hits++;
      policy.onHit(n);
    } else {
      int hash = Index.spread(Integer.hashCode(key));
      n =
          weighted
              ? new WeightedNode<>(hash, key, "v", Node.ETERNAL, weights.getOrDefault(key, 1))
              : new PolicyNode<>(hash, key, "v");
      nodes.put(key, n);
      policy.onAdd(n);
    }
    policy.evict(this::evict);
    return hit;
  }

  /** Changes the weight of a present key, as an update with a new weight would. */
  void reweigh(int key, int weight) {
    weights.put(key, weight);
    PolicyNode<Integer, String> n = nodes.get(key);
    n.setWeightOpaque(weight);
    policy.onWeightChange(n);
    policy.evict(this::evict);
  }

  /** Removes a present key, as an explicit removal would. */
  void remove(int key) {
    PolicyNode<Integer, String> n = nodes.remove(key);
    n.killRelease();
    policy.onRemove(n);
  }

  boolean contains(int key) {
    return nodes.containsKey(key);
  }

  /** Hits over requests since the last call, then starts counting afresh. */
  double hitRatioSinceLastCall() {
    double ratio = requests == 0 ? 0 : (double) hits / requests;
    hits = 0;
    requests = 0;
    return ratio;
  }

  long liveWeight() {
    long sum = 0;
    for (PolicyNode<Integer, String> n : nodes.values()) {
      sum += n.weightOpaque();
    }
    return sum;
  }

  private boolean evict(PolicyNode<Integer, String> victim) {
    if (busy.contains(victim.key)) {
      return false;
    }
    nodes.remove(victim.key);
    evicted.add(victim.key);
    victim.killRelease();
    policy.onRemove(victim);
    return true;
  }
}
