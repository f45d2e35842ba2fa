package io.dualcache.engine;

/**
 * A shadow's map from key hash to its node: open addressing with linear probing, grown when half
 * full, removal by backward shift (no tombstones). The hashes sit in their own array so that a
 * probe reads neighbouring ints instead of following a pointer per slot. A shadow knows its keys
 * only by hash; two keys with the same 32-bit hash share a shadow entry, which only blurs the
 * sample a little. Owned by the maintenance thread.
 */
final class ShadowIndex {

  private PolicyNode<Object, Object>[] nodes;
  private int[] hashes;

  /** 32 minus log2 of the table length: slots are picked by the high bits of a product. */
  private int shift;

  private int size;

  ShadowIndex() {
    allocate(16);
  }

  int size() {
    return size;
  }

  /** The node of {@code hash}, or null. */
  PolicyNode<Object, Object> get(int hash) {
    int i = find(hash);
    return i < 0 ? null : nodes[i];
  }

  /** Adds {@code node}, whose hash is not in the index yet. */
  void add(PolicyNode<Object, Object> node) {
    if (2 * (size + 1) > nodes.length) {
      grow();
    }
    insert(node);
    size++;
  }

  /** Removes the node of {@code hash} if there is one. */
  void remove(int hash) {
    int hole = find(hash);
    if (hole < 0) {
      return;
    }
    nodes[hole] = null;
    size--;
    // Backward shift: move up every later node of the run whose home is not after the hole.
    int mask = nodes.length - 1;
    for (int j = (hole + 1) & mask; nodes[j] != null; j = (j + 1) & mask) {
      int home = slot(hashes[j]);
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        nodes[hole] = nodes[j];
        hashes[hole] = hashes[j];
        nodes[j] = null;
        hole = j;
      }
    }
  }

  /** The slot holding {@code hash}, or -1. */
  private int find(int hash) {
    int mask = nodes.length - 1;
    for (int i = slot(hash); nodes[i] != null; i = (i + 1) & mask) {
      if (hashes[i] == hash) {
        return i;
      }
    }
    return -1;
  }

  private void insert(PolicyNode<Object, Object> node) {
    int mask = nodes.length - 1;
    int i = slot(node.hash);
    while (nodes[i] != null) {
      i = (i + 1) & mask;
    }
    nodes[i] = node;
    hashes[i] = node.hash;
  }

  private void grow() {
    PolicyNode<Object, Object>[] old = nodes;
    allocate(old.length * 2);
    for (PolicyNode<Object, Object> n : old) {
      if (n != null) {
        insert(n);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void allocate(int length) {
    nodes = (PolicyNode<Object, Object>[]) new PolicyNode<?, ?>[length];
    hashes = new int[length];
    shift = 32 - Integer.numberOfTrailingZeros(length);
  }

  private int slot(int hash) {
    // Multiplicative hashing, high bits: sampled hashes share their low bits, and the engine's
    // spread already used the golden-ratio constant, so another odd constant.
    return (hash * 0xC2B2AE35) >>> shift;
  }
}
