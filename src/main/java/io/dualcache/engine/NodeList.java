package io.dualcache.engine;

import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A doubly linked list of policy nodes, eldest first, that keeps the total weight of its members.
 * The policy's window and probation segment are each one. Links go through {@link PolicyNode#prev}
 * and {@link PolicyNode#next}, so a node is in at most one list (or clock) at a time. Owned by the
 * maintenance thread, like the policy.
 */
final class NodeList<K, V> {

  private PolicyNode<K, V> head;
  private PolicyNode<K, V> tail;
  private long weight;
  private long size;

  /** The eldest member, or null if the list is empty. */
  PolicyNode<K, V> first() {
    return head;
  }

  boolean isEmpty() {
    return head == null;
  }

  /** The sum of the members' policy weights. */
  long weight() {
    return weight;
  }

  /** The number of members. */
  long size() {
    return size;
  }

  /** Adds {@code node} as the youngest member. */
  void append(PolicyNode<K, V> node) {
    node.next = null;
    node.prev = tail;
    if (tail == null) {
      head = node;
    } else {
      tail.next = node;
    }
    tail = node;
    weight += node.policyWeight();
    size++;
  }

  /** Takes {@code node}, a member, out of the list. */
  void remove(PolicyNode<K, V> node) {
    if (node.prev == null) {
      head = node.next;
    } else {
      node.prev.next = node.next;
    }
    if (node.next == null) {
      tail = node.prev;
    } else {
      node.next.prev = node.prev;
    }
    node.prev = node.next = null;
    weight -= node.policyWeight();
    size--;
  }

  /** Makes {@code node}, a member, the youngest. */
  void moveToBack(PolicyNode<K, V> node) {
    if (node != tail) {
      remove(node);
      append(node);
    }
  }

  /** Records that a member's policy weight changed by {@code delta}. */
  void addWeight(long delta) {
    weight += delta;
  }

  /** Takes out every member that {@code test} accepts and hands each to {@code removed}. */
  void removeIf(Predicate<PolicyNode<K, V>> test, Consumer<PolicyNode<K, V>> removed) {
    for (PolicyNode<K, V> n = head; n != null; ) {
      PolicyNode<K, V> next = n.next;
      if (test.test(n)) {
        remove(n);
        removed.accept(n);
      }
      n = next;
    }
  }
}
