package io.dualcache.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One entry. The index, the hot tiers and the policy all point at the same node, so a write changes
 * a value in one place and every reader sees it.
 *
 * <p>Life cycle: created live; a write replaces its value in place; a removal sets the value to
 * {@code null} first (that store is the removal's linearization point) and only then takes the node
 * out of the index. A dead node never comes back.
 *
 * <p>This base class is all an unbounded cache without expiry needs (24 bytes with compressed
 * oops): its entries never expire, so it keeps no deadline. Each class below adds only what its
 * caches use (Java has one superclass, hence two classes that keep a deadline):
 *
 * <pre>
 * Node (hash, key, value)                        unbounded
 * ├── ExpiringNode (+ deadline word)             unbounded, expiring
 * └── PolicyNode (+ policy links, queue, rank)   bounded by size
 *     └── ExpiringPolicyNode (+ deadline word)   bounded by size, expiring
 *         └── WeightedNode (+ weights)           bounded by weight
 *             └── RefreshNode (+ refresh word)   refreshing
 * </pre>
 *
 * The deadline word, in the classes that keep one:
 *
 * <pre>
 * bit 63   62 ......... 47   46 ....................... 0
 *     0    stamp (16 bits)   tick at which the entry expires ({@code <=} the current tick:
 *                            expired), or ETERNAL
 * </pre>
 *
 * Written with release stores by the key's lock holder, each with the next stamp, and with a CAS by
 * readers that move the deadline on access (see {@code DualCache.getMovingDeadline}): the stamp
 * tells a reader that a writer set a deadline, even the same tick, between two of its reads. Read
 * opaque, or with acquire where a later read of the value must not be older.
 */
class Node<K, V> {

  private static final int STAMP_SHIFT = 47;
  private static final long STAMP_MASK = 0xFFFF;

  /**
   * The tick part of the deadline word: a deadline is a tick below 2^47 (445 years of the shortest
   * tick, 100 µs).
   */
  static final long TICKS = (1L << STAMP_SHIFT) - 1;

  /** Deadline of an entry that never expires: a tick no clock reaches. */
  static final long ETERNAL = TICKS;

  private static final VarHandle VALUE;

  static {
    try {
      VALUE = MethodHandles.lookup().findVarHandle(Node.class, "value", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The spread hash of the key (see {@link Index#spread}). Immutable. */
  final int hash;

  /** The key. Immutable; null only in the index's tombstone. */
  final K key;

  /**
   * The value, or {@code null} once the entry is dead. Written by the holder of the key's segment
   * lock with a release store; read with acquire, so whoever sees a value sees the node's other
   * writes that preceded it.
   */
  @SuppressWarnings("unused") // accessed through VALUE
  private Object value;

  Node(int hash, K key, V value) {
    this.hash = hash;
    this.key = key;
    VALUE.set(this, value); // published by the release store that links the node into the index
  }

  /** The value with acquire semantics; {@code null} if the node is dead. */
  @SuppressWarnings("unchecked")
  final V valueAcquire() {
    return (V) VALUE.getAcquire(this);
  }

  /** Replaces the value (lock holder only). */
  final void setValueRelease(V newValue) {
    VALUE.setRelease(this, newValue);
  }

  /** Marks the node dead: the linearization point of its removal (lock holder only). */
  final void killRelease() {
    VALUE.setRelease(this, null);
  }

  /** The deadline's tick (opaque read). */
  final long deadlineOpaque() {
    return deadlineWordOpaque() & TICKS;
  }

  /** Whether the deadline is at or before {@code tick} (opaque read). */
  final boolean expiredAt(long tick) {
    return deadlineOpaque() <= tick;
  }

  /**
   * The whole deadline word, stamp included (opaque read): {@link #ETERNAL} for a node that keeps
   * no deadline.
   */
  long deadlineWordOpaque() {
    return ETERNAL;
  }

  /** The whole deadline word, stamp included; no later read moves before it (acquire). */
  long deadlineWordAcquire() {
    return ETERNAL;
  }

  /**
   * Sets the deadline to {@code tick} with the next stamp (lock holder only; release store). A node
   * that keeps no deadline takes only {@link #ETERNAL}: its cache refuses other lifetimes (see
   * {@code ComputeEntry}) and asks no {@link Expiry}.
   */
  void setDeadlineRelease(long tick) {
    if (tick != ETERNAL) {
      throw new IllegalStateException("a node of a cache without expiry got deadline " + tick);
    }
  }

  /**
   * A reader's move of the deadline to {@code tick}, if the word is still {@code seen} (a deadline
   * word this reader read); keeps the stamp. Returns whether it moved. Only caches whose {@link
   * Expiry} moves deadlines on reads call this, and their nodes keep a deadline.
   */
  boolean compareAndSetDeadline(long seen, long tick) {
    throw new UnsupportedOperationException("not a node of an expiring cache");
  }

  /** The deadline word after {@code word} that holds {@code tick}: the next stamp. */
  static long nextDeadlineWord(long word, long tick) {
    long stamp = ((word >>> STAMP_SHIFT) + 1) & STAMP_MASK;
    return (stamp << STAMP_SHIFT) | tick;
  }

  /** {@code seen} with its tick replaced by {@code tick}: a reader's move keeps the stamp. */
  static long movedDeadlineWord(long seen, long tick) {
    return (seen & ~TICKS) | tick;
  }

  /**
   * The entry's weight: 1 unless the cache is bounded by weight. Opaque: maintenance reads it while
   * the key's lock holder may change it (and will queue the node again when it does).
   */
  int weightOpaque() {
    return 1;
  }

  /**
   * Sets the weight (lock holder only, before the node is queued to maintenance, whose queue
   * publishes it). Ignored by nodes of caches not bounded by weight.
   */
  void setWeightOpaque(int weight) {}

  /**
   * The refresh word (see {@link RefreshWord}) of a node of a cache that refreshes entries: only
   * {@link RefreshNode} keeps one, and only such caches call this.
   */
  long refreshWordOpaque() {
    throw new UnsupportedOperationException("not a node of a refreshing cache");
  }

  /** Sets the refresh word to {@code next} if it is {@code seen} (a volatile CAS). */
  boolean compareAndSetRefreshWord(long seen, long next) {
    throw new UnsupportedOperationException("not a node of a refreshing cache");
  }

  @Override
  public String toString() {
    return "Node[" + key + "]";
  }
}
