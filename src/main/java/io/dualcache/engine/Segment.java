package io.dualcache.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One segment of the main index: an open-addressed, linearly probed array of {@link Node}s guarded
 * by one lock for writers. Readers take no lock.
 *
 * <pre>
 * slot:  null ─[insert]─► node ─[remove]─► TOMBSTONE ─[insert]─► node ...
 *        (every slot write is made by the holder of this segment's lock, with a release store)
 * </pre>
 *
 * Nodes never move within an array, so a reader that found a node found the key's one live copy. A
 * rehash copies the same node objects (not clones) into a new array and publishes it with a release
 * store; a reader still walking the old array sees a consistent snapshot, and since values live in
 * the nodes, it still reads current values. A removal kills the node first (value := null, the
 * linearization point) and then turns its slot into a tombstone, which readers skip.
 */
final class Segment<K, V> {

  /** Occupied slots (live + tombstones) per slot before a rehash. */
  private static final double MAX_LOAD = 0.6;

  /** Live entries per slot that a rehashed array is sized for at most. */
  private static final double TARGET_LOAD = 0.4;

  private static final int MIN_LENGTH = 8;

  private static final VarHandle TABLES = Index.TABLES;
  private static final VarHandle SLOT = Index.SLOT;
  private static final VarHandle LIVE;

  static {
    try {
      LIVE = MethodHandles.lookup().findVarHandle(Segment.class, "live", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Marks a removed node's slot; its null key never matches a lookup. */
  @SuppressWarnings("rawtypes")
  private static final Node TOMBSTONE = new Node<>(0, null, null, 0L);

  /** Guards every write to this segment. */
  final StripeLock lock = new StripeLock();

  /** The index's array of slot arrays; this segment's is {@code tables[number]}. */
  private final Node<K, V>[][] tables;

  private final int number;

  /** Live nodes. Written by the lock holder (opaque); read opaque by anyone summing sizes. */
  @SuppressWarnings("unused") // accessed through LIVE
  private int live;

  /** Occupied slots (live + tombstones). Lock holder only (plain). */
  private int used;

  /** Set for good by {@link #closeLocked}. Lock holder only (plain). */
  private boolean closed;

  Segment(Node<K, V>[][] tables, int number, int expectedEntries) {
    this.tables = tables;
    this.number = number;
    TABLES.setRelease(tables, number, newTable(lengthFor(expectedEntries)));
  }

  // ---------------------------------------------------------------- lock-free reads

  /** The first live node whose spread hash is {@code hash}, or null (hit records carry hashes). */
  Node<K, V> findByHash(int hash) {
    Node<K, V>[] tab = table();
    int mask = tab.length - 1;
    int i = hash & mask;
    for (int probes = 0; probes <= mask; probes++) {
      Node<K, V> n = slot(tab, i);
      if (n == null) {
        return null;
      }
      if (n.hash == hash && n.key != null) {
        return n;
      }
      i = (i + 1) & mask;
    }
    return null;
  }

  /** The current array, for weakly consistent iteration and sweeps. Entries may be tombstones. */
  Node<K, V>[] slots() {
    return table();
  }

  /** Whether {@code n}, read from {@link #slots()}, is a node rather than an empty slot. */
  static boolean isNode(Node<?, ?> n) {
    return n != null && n != TOMBSTONE;
  }

  /** Number of live nodes (opaque read: exact when no write is in flight). */
  int size() {
    return (int) LIVE.getOpaque(this);
  }

  // ---------------------------------------------------------------- writes (lock holder only)

  /** Links a new node for a key the caller found absent, growing the array first if needed. */
  void insertLocked(Node<K, V> node) {
    Node<K, V>[] tab = table();
    if (used + 1 > tab.length * MAX_LOAD) {
      tab = rehash(tab, lengthFor(size() + 1L));
    }
    int mask = tab.length - 1;
    int i = node.hash & mask;
    while (true) {
      Node<K, V> e = tab[i]; // plain: only the lock holder writes slots
      if (e == null || e == TOMBSTONE) {
        SLOT.setRelease(tab, i, node); // publishes the node's fields to lock-free readers
        if (e == null) {
          used++;
        }
        LIVE.setOpaque(this, size() + 1);
        return;
      }
      i = (i + 1) & mask;
    }
  }

  /** Whether {@link #closeLocked} ran (lock holder only). */
  boolean isClosedLocked() {
    return closed;
  }

  /** Kills {@code node} and unlinks it. */
  void removeLocked(Node<K, V> node) {
    node.kill(); // linearization point: from here every reader sees the key absent
    Node<K, V>[] tab = table();
    int mask = tab.length - 1;
    int i = node.hash & mask;
    for (int probes = 0; probes <= mask; probes++) {
      Node<K, V> e = tab[i];
      if (e == node) {
        SLOT.setRelease(tab, i, TOMBSTONE);
        LIVE.setOpaque(this, size() - 1);
        return;
      }
      if (e == null) {
        break;
      }
      i = (i + 1) & mask;
    }
    throw new IllegalStateException("node to remove is not in its segment: " + node);
  }

  /**
   * Kills every node and installs an empty array. Returns the old array so the caller can walk the
   * killed nodes.
   */
  Node<K, V>[] clearLocked() {
    Node<K, V>[] tab = table();
    if (closed) {
      return tab; // stays closed: a clear never reopens a segment
    }
    for (Node<K, V> n : tab) {
      if (isNode(n)) {
        n.kill();
      }
    }
    used = 0;
    LIVE.setOpaque(this, 0);
    TABLES.setRelease(tables, number, newTable(MIN_LENGTH));
    return tab;
  }

  private Node<K, V>[] rehash(Node<K, V>[] tab, int length) {
    Node<K, V>[] fresh = newTable(length);
    int mask = fresh.length - 1;
    int count = 0;
    for (Node<K, V> n : tab) {
      if (isNode(n)) {
        int i = n.hash & mask;
        while (fresh[i] != null) {
          i = (i + 1) & mask;
        }
        fresh[i] = n;
        count++;
      }
    }
    used = count;
    TABLES.setRelease(tables, number, fresh); // publishes the filled array to lock-free readers
    return fresh;
  }

  // ---------------------------------------------------------------- helpers

  private static int lengthFor(long entries) {
    long wanted = (long) Math.ceil(entries / TARGET_LOAD);
    long length = Long.highestOneBit(Math.max(wanted, MIN_LENGTH) - 1) << 1;
    return (int) Math.min(length, 1 << 30);
  }

  @SuppressWarnings("unchecked")
  private Node<K, V>[] table() {
    return (Node<K, V>[]) TABLES.getAcquire(tables, number);
  }

  @SuppressWarnings("unchecked")
  private static <K, V> Node<K, V> slot(Node<K, V>[] tab, int i) {
    return (Node<K, V>) SLOT.getAcquire(tab, i);
  }

  /**
   * Makes the segment answer every lookup with "absent" for good: installs an empty, one-slot array
   * that no writer will touch (writers check that the cache is open under this lock).
   */
  void closeLocked() {
    closed = true;
    used = 0;
    LIVE.setOpaque(this, 0);
    TABLES.setRelease(tables, number, newTable(1));
  }

  @SuppressWarnings("unchecked")
  private static <K, V> Node<K, V>[] newTable(int length) {
    return (Node<K, V>[]) new Node<?, ?>[length];
  }
}
