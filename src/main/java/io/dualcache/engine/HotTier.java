package io.dualcache.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * A small direct-mapped array of the hottest nodes, read before the main index (tiers T1 and T2).
 * Slot {@code hash & mask} holds at most one node. Beside it, an array of the occupants' hashes
 * (the tags) lets a reader reject a miss with one int load, without touching a node.
 *
 * <pre>
 * tags:  int[slots]    occupant's spread hash      daemon: release store; readers: opaque load
 * nodes: Node[slots]   occupant (live or dead)     daemon: release store; readers: acquire load
 * </pre>
 *
 * Only the maintenance owner writes: the node first, then its tag. A reader that pairs a new tag
 * with an old node (or the reverse) fails the key compare and falls through to the index. A dead
 * occupant (value null) also falls through: its key may live again in a newer node.
 */
final class HotTier<K, V> {

  private static final VarHandle TAG = MethodHandles.arrayElementVarHandle(int[].class);
  private static final VarHandle NODE = MethodHandles.arrayElementVarHandle(Node[].class);

  private final int[] tags;
  private final Node<K, V>[] nodes;

  /** Sketch frequency of each occupant when it moved in, to pick who stays. Owner only. */
  private final byte[] heat;

  private final int mask;

  @SuppressWarnings("unchecked")
  HotTier(int slots) {
    this.tags = new int[slots];
    this.nodes = (Node<K, V>[]) new Node<?, ?>[slots];
    this.heat = new byte[slots];
    this.mask = slots - 1;
  }

  /** The occupant of the key's slot if it holds {@code key}, else null. Wait-free. */
  @SuppressWarnings("unchecked")
  Node<K, V> find(Object key, int hash) {
    int i = hash & mask;
    if ((int) TAG.getOpaque(tags, i) != hash) {
      return null;
    }
    Node<K, V> n = (Node<K, V>) NODE.getAcquire(nodes, i);
    if (n != null && (n.key == key || key.equals(n.key))) {
      return n;
    }
    return null;
  }

  /**
   * Offers {@code node}, seen {@code frequency} times recently, for its slot: it moves in if the
   * slot is free, holds a dead node, or holds a colder one. Owner only.
   *
   * @return whether the node now occupies its slot
   */
  boolean offer(Node<K, V> node, int frequency) {
    int i = node.hash & mask;
    Node<K, V> current = nodes[i];
    if (current == node) {
      heat[i] = (byte) Math.max(heat[i], frequency);
      return true;
    }
    if (current != null && current.valueAcquire() != null && heat[i] >= frequency) {
      return false;
    }
    NODE.setRelease(nodes, i, node);
    TAG.setRelease(tags, i, node.hash);
    heat[i] = (byte) frequency;
    return true;
  }

  /** Empties the node's slot if it holds {@code node}. Owner only. */
  void evict(Node<K, V> node) {
    int i = node.hash & mask;
    if (nodes[i] == node) {
      NODE.setRelease(nodes, i, null);
      heat[i] = 0;
    }
  }

  /** Halves every occupant's heat, so new hot keys can displace old ones. Owner only. */
  void age() {
    for (int i = 0; i < heat.length; i++) {
      heat[i] >>= 1;
    }
  }

  /** Empties every slot. Owner only. */
  void clear() {
    for (int i = 0; i < nodes.length; i++) {
      NODE.setRelease(nodes, i, null);
    }
    Arrays.fill(heat, (byte) 0);
  }
}
