package io.dualcache.engine;

/**
 * A shadow's map from key hash to its node: open addressing with linear probing, grown when half
 * full, removal by backward shift (no tombstones). A shadow knows its keys only by hash; two keys
 * with the same 32-bit hash share a shadow entry, which only blurs the sample a little. Owned by
 * the maintenance thread.
 */
final class ShadowIndex {

  private PolicyNode<Object, Object>[] slots;
  private int size;

  ShadowIndex() {
    slots = newTable(16);
  }

  int size() {
    return size;
  }

  /** The node of {@code hash}, or null. */
  PolicyNode<Object, Object> get(int hash) {
    int mask = slots.length - 1;
    for (int i = slot(hash, mask); ; i = (i + 1) & mask) {
      PolicyNode<Object, Object> n = slots[i];
      if (n == null || n.hash == hash) {
        return n;
      }
    }
  }

  /** Adds {@code node}, whose hash is not in the index yet. */
  void add(PolicyNode<Object, Object> node) {
    if (2 * (size + 1) > slots.length) {
      grow();
    }
    insert(slots, node);
    size++;
  }

  /** Removes the node of {@code hash} if there is one. */
  void remove(int hash) {
    int mask = slots.length - 1;
    int i = slot(hash, mask);
    while (slots[i] != null && slots[i].hash != hash) {
      i = (i + 1) & mask;
    }
    if (slots[i] == null) {
      return;
    }
    slots[i] = null;
    size--;
    // Backward shift: move up every later node of the run that may sit at or before the hole.
    for (int hole = i, j = (i + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
      int home = slot(slots[j].hash, mask);
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        slots[hole] = slots[j];
        slots[j] = null;
        hole = j;
      }
    }
  }

  private void grow() {
    PolicyNode<Object, Object>[] bigger = newTable(slots.length * 2);
    for (PolicyNode<Object, Object> n : slots) {
      if (n != null) {
        insert(bigger, n);
      }
    }
    slots = bigger;
  }

  private static void insert(PolicyNode<Object, Object>[] table, PolicyNode<Object, Object> node) {
    int mask = table.length - 1;
    int i = slot(node.hash, mask);
    while (table[i] != null) {
      i = (i + 1) & mask;
    }
    table[i] = node;
  }

  private static int slot(int hash, int mask) {
    // The hash is already spread; mix again so that sampled hashes (low bits alike) still scatter.
    int h = hash * 0x9E3779B9;
    return (h ^ (h >>> 16)) & mask;
  }

  @SuppressWarnings("unchecked")
  private static PolicyNode<Object, Object>[] newTable(int length) {
    return new PolicyNode[length];
  }
}
