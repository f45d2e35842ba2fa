package io.dualcache.engine;

import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The protected part of the main region: a Clock (a circle of nodes and a hand) where every node
 * has a rank. A hit raises the node's rank up to a cap. Looking for a victim, the hand stops at the
 * first node ranked at or below the circle's average rank and lowers by one the rank of every node
 * it passes: a node stays while it keeps being hit more than its neighbours, and an idle one decays
 * to the average within a few turns.
 *
 * <p>Links go through {@link PolicyNode#prev} and {@link PolicyNode#next}. Owned by the maintenance
 * thread.
 */
final class RankedClock<K, V> {

  private final int maxRank;

  /** The next node the hand inspects; null when the circle is empty. */
  private PolicyNode<K, V> hand;

  private long count;
  private long rankSum;
  private long weight;

  RankedClock(int maxRank) {
    this.maxRank = maxRank;
  }

  boolean isEmpty() {
    return hand == null;
  }

  /** The sum of the members' policy weights. */
  long weight() {
    return weight;
  }

  long count() {
    return count;
  }

  /** Adds {@code node} with {@code rank} just behind the hand: the last node the hand reaches. */
  void insert(PolicyNode<K, V> node, int rank) {
    node.rank = (byte) rank;
    if (hand == null) {
      node.prev = node.next = node;
      hand = node;
    } else {
      PolicyNode<K, V> behind = hand.prev;
      node.prev = behind;
      node.next = hand;
      behind.next = node;
      hand.prev = node;
    }
    count++;
    rankSum += rank;
    weight += node.policyWeight();
  }

  /** Takes {@code node}, a member, out of the circle. */
  void remove(PolicyNode<K, V> node) {
    rankSum -= node.rank;
    count--;
    weight -= node.policyWeight();
    if (node.next == node) {
      hand = null;
    } else {
      node.prev.next = node.next;
      node.next.prev = node.prev;
      if (hand == node) {
        hand = node.next;
      }
    }
    node.prev = node.next = null;
    node.rank = 0;
  }

  /** A hit on {@code node}, a member: its rank goes up unless already at the cap. */
  void hit(PolicyNode<K, V> node) {
    if (node.rank < maxRank) {
      node.rank++;
      rankSum++;
    }
  }

  /** Records that a member's policy weight changed by {@code delta}. */
  void addWeight(long delta) {
    weight += delta;
  }

  /**
   * Moves the hand to the first node ranked at or below the average, decaying the ones it passes,
   * and returns that node (still a member); null if the circle is empty.
   */
  PolicyNode<K, V> victim() {
    if (hand == null) {
      return null;
    }
    // Every node above the average loses a rank per turn, so maxRank + 1 turns always suffice.
    long limit = count * (maxRank + 1) + 1;
    for (long i = 0; i < limit; i++) {
      PolicyNode<K, V> n = hand;
      if (n.rank * count <= rankSum) {
        return n;
      }
      n.rank--;
      rankSum--;
      hand = n.next;
    }
    return hand;
  }

  /** Moves the hand past the node it rests on (a victim that could not leave now). */
  void skip() {
    if (hand != null) {
      hand = hand.next;
    }
  }

  /** Hands every member to {@code action}, from the hand on. */
  void forEach(Consumer<PolicyNode<K, V>> action) {
    PolicyNode<K, V> n = hand;
    for (long i = count; i > 0; i--) {
      action.accept(n);
      n = n.next;
    }
  }

  /** Takes out every member that {@code test} accepts and hands each to {@code removed}. */
  void removeIf(Predicate<PolicyNode<K, V>> test, Consumer<PolicyNode<K, V>> removed) {
    PolicyNode<K, V> n = hand;
    for (long i = count; i > 0; i--) {
      PolicyNode<K, V> next = n.next;
      if (test.test(n)) {
        remove(n);
        removed.accept(n);
      }
      n = next;
    }
  }
}
