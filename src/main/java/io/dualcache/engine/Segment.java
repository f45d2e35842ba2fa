package io.dualcache.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One segment of the main index: an open-addressed array of {@link Node}s guarded by one lock for
 * writers, probed as {@link Index} describes (home slot, then an overflow run). Readers take no
 * lock.
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

  /**
   * Extra probes a hit may take on average before the array doubles, whatever its load: a probe
   * that finds another key's node costs a load of that node, a cache miss of its own in a large
   * cache. Keys with dense hash codes (sequential ids) sit in their home slots and never reach it;
   * keys with scattered codes (UUIDs, strings), about 1.4 probes a hit at a half, reach it at about
   * a quarter live (measured in {@code IndexPlacementTest}).
   */
  private static final double MAX_MEAN_DISPLACEMENT = 0.2;

  /**
   * The share of live nodes below which an array never doubles for its lookup cost: bounds what
   * keys with bad hash codes (many keys per code) cost in slots, at 8 slots (32 bytes) a live entry
   * at most, as a doubled array is at least an eighth live.
   */
  private static final double MIN_LOAD_TO_DOUBLE_FOR_COST = 0.25;

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
  private static final Node TOMBSTONE = new Node<>(0, null, null);

  /** Guards every write to this segment. */
  private final StripeLock lock = new StripeLock();

  /** The index's array of slot arrays; this segment's is {@code tables[number]}. */
  private final Node<K, V>[][] tables;

  private final int number;

  /** log2 of the index's segment count: the home hash bits below the home slot's. */
  private final int segmentBits;

  /** Live nodes. Written by the lock holder (opaque); read opaque by anyone summing sizes. */
  @SuppressWarnings("unused") // accessed through LIVE
  private int live;

  /** Occupied slots (live + tombstones). Lock holder only (plain). */
  private int used;

  /**
   * Sum over the live nodes of how many slots a lookup passes before it finds them (0 in the home
   * slot): a hit probes {@code 1 + displacement / live} slots on average. Lock holder only.
   */
  private long displacement;

  /** Counts every node linked or unlinked. Lock holder only (plain). */
  private int links;

  /**
   * Set once by a close that could not wait for this segment's lock (volatile); read by every
   * holder after its last unlock, which then closes the segment.
   */
  private volatile boolean closePending;

  /** Set for good by {@link #closeLocked}. Lock holder only (plain). */
  private boolean closed;

  Segment(Node<K, V>[][] tables, int number, int segmentBits, int expectedEntries) {
    this.tables = tables;
    this.number = number;
    this.segmentBits = segmentBits;
    TABLES.setRelease(tables, number, newTable(lengthFor(expectedEntries)));
  }

  // ---------------------------------------------------------------- the writers' lock

  /** Takes this segment's lock (reentrant), waiting for its holder. */
  void lock() {
    lock.lock();
  }

  /** Takes this segment's lock unless the cache is closed, which it throws for. */
  void lockOpen() {
    lock.lock();
    if (closed) {
      lock.unlock();
      throw new IllegalStateException("cache is closed");
    }
  }

  /**
   * Takes the lock only if no thread holds it, this one included: maintenance must neither wait for
   * a writer nor reenter a write this thread is in the middle of (a write that helps with
   * maintenance holds its own segment's lock).
   */
  boolean tryLockUnheld() {
    return !lock.isHeldByCurrentThread() && lock.tryLock();
  }

  boolean isHeldByCurrentThread() {
    return lock.isHeldByCurrentThread();
  }

  /**
   * Releases the lock; the last release of a segment whose close was deferred to its holder (see
   * {@link #closeOrDefer}) closes it. Checked after the release (volatile write, then volatile
   * read) so that the closer, which sets the flag before it tries the lock, either gets the lock or
   * is seen here.
   */
  void unlock() {
    lock.unlock();
    if (closePending && !lock.isHeldByCurrentThread()) {
      closeIfFree();
    }
  }

  /**
   * Closes the segment now if no thread holds its lock, else leaves that to the holder's last
   * unlock (this thread's too: a write whose listener or action closed the cache finishes, then its
   * segment closes). For a close made where waiting for a writer could deadlock: in a listener,
   * whose thread holds a segment lock or runs maintenance, while a writer holding another segment
   * waits for one of those.
   */
  void closeOrDefer() {
    closePending = true;
    closeIfFree();
  }

  private void closeIfFree() {
    if (tryLockUnheld()) { // held by this thread: a close from inside its own write waits for it
      try {
        closeLocked();
      } finally {
        lock.unlock();
      }
    }
  }

  // ---------------------------------------------------------------- lock-free reads

  /** The first live node whose spread hash is {@code hash}, or null (hit records carry hashes). */
  Node<K, V> findByHash(int hash) {
    Node<K, V>[] tab = table();
    int mask = tab.length - 1;
    int home = homeSlot(hash, mask);
    int overflow = Index.overflowHash(hash);
    for (int k = 0; k <= mask + Index.HOME_RUN; k++) {
      Node<K, V> n = slot(tab, Index.probe(k, home, overflow, mask));
      if (n == null) {
        return null;
      }
      if (n.hash == hash && n.key != null) {
        return n;
      }
    }
    return null;
  }

  /** The current array, for weakly consistent iteration and sweeps. Entries may be tombstones. */
  Node<K, V>[] slots() {
    return table();
  }

  /**
   * Slot {@code i} of an array from {@link #slots()}, with acquire: a node seen here shows the
   * fields its writer set before linking it (a plain read could see a node's deadline still 0).
   */
  static <K, V> Node<K, V> slotAcquire(Node<K, V>[] slots, int i) {
    return slot(slots, i);
  }

  /** Whether {@code n}, read from {@link #slots()}, is a node rather than an empty slot. */
  static boolean isNode(Node<?, ?> n) {
    return n != null && n != TOMBSTONE;
  }

  /** Number of live nodes (opaque read: exact when no write is in flight). */
  int sizeOpaque() {
    return (int) LIVE.getOpaque(this);
  }

  // ---------------------------------------------------------------- writes (lock holder only)

  /**
   * Links a new node for a key the caller found absent, growing the array first if it is too full
   * and after if its hits now probe too many slots: so after every insert the mean probe count is
   * within {@link #MAX_MEAN_DISPLACEMENT}, or the array is less than a quarter live.
   */
  void insertLocked(Node<K, V> node) {
    Node<K, V>[] tab = table();
    if (used + 1 > tab.length * MAX_LOAD) {
      tab = rehash(tab, lengthFor(sizeOpaque() + 1L));
    }
    int k = freeProbe(tab, node.hash);
    int i = probeSlot(tab, node.hash, k);
    displacement += k;
    Node<K, V> e = tab[i]; // plain: only the lock holder writes slots
    SLOT.setRelease(tab, i, node); // publishes the node's fields to lock-free readers
    if (e == null) {
      used++;
    }
    links++;
    LIVE.setOpaque(this, sizeOpaque() + 1); // lock holder only: no other writer to lose
    if (probesTooMany(tab.length)) {
      rehash(tab, tab.length << 1); // readers of either array find the node: both hold it
    }
  }

  /**
   * How many times a node was linked into or unlinked from this segment so far (lock holder only):
   * unchanged across a section of code means no node of the segment came or went in it.
   */
  int linksLocked() {
    return links;
  }

  /** Whether {@link #closeLocked} ran (lock holder only). */
  boolean isClosedLocked() {
    return closed;
  }

  /** Kills {@code node} and unlinks it. */
  void removeLocked(Node<K, V> node) {
    node.killRelease(); // linearization point: from here every reader sees the key absent
    Node<K, V>[] tab = table();
    int k = probeOf(tab, node);
    if (k < 0) {
      throw new IllegalStateException("node to remove is not in its segment: " + node);
    }
    SLOT.setRelease(tab, probeSlot(tab, node.hash, k), TOMBSTONE);
    displacement -= k;
    links++;
    LIVE.setOpaque(this, sizeOpaque() - 1);
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
        n.killRelease();
      }
    }
    used = 0;
    displacement = 0;
    links++;
    LIVE.setOpaque(this, 0);
    TABLES.setRelease(tables, number, newTable(MIN_LENGTH));
    return tab;
  }

  /**
   * Whether hits on this array probe more than {@link #MAX_MEAN_DISPLACEMENT} extra slots on
   * average while its live nodes fill it enough that doubling it is worth its memory. Live nodes,
   * not occupied slots: tombstones cost a lookup nothing once passed, and counting them would let a
   * few live keys churned through double the array again and again.
   */
  private boolean probesTooMany(int length) {
    int live = sizeOpaque();
    return live >= length * MIN_LOAD_TO_DOUBLE_FOR_COST
        && length < 1 << 30
        && displacement > live * MAX_MEAN_DISPLACEMENT;
  }

  private Node<K, V>[] rehash(Node<K, V>[] tab, int length) {
    Node<K, V>[] fresh = newTable(length);
    int count = 0;
    long probes = 0;
    for (Node<K, V> n : tab) {
      if (isNode(n)) {
        int k = freeProbe(fresh, n.hash);
        fresh[probeSlot(fresh, n.hash, k)] = n;
        probes += k;
        count++;
      }
    }
    used = count;
    displacement = probes;
    TABLES.setRelease(tables, number, fresh); // publishes the filled array to lock-free readers
    return fresh;
  }

  // ---------------------------------------------------------------- helpers

  private int homeSlot(int hash, int mask) {
    return Index.homeSlot(Index.home(hash), segmentBits, mask);
  }

  /** Slot number {@code k} of the probe sequence of a key with spread hash {@code hash}. */
  private int probeSlot(Node<K, V>[] tab, int hash, int k) {
    int mask = tab.length - 1;
    return Index.probe(k, homeSlot(hash, mask), Index.overflowHash(hash), mask);
  }

  /** Where a new node goes: the probe number of the first free slot (null or tombstone). */
  private int freeProbe(Node<K, V>[] tab, int hash) {
    int mask = tab.length - 1;
    int home = homeSlot(hash, mask);
    int overflow = Index.overflowHash(hash);
    for (int k = 0; ; k++) { // ends: the array is never full, and the sequence covers it
      Node<K, V> e = tab[Index.probe(k, home, overflow, mask)];
      if (e == null || e == TOMBSTONE) {
        return k;
      }
    }
  }

  /** The probe number of the slot holding {@code node} in {@code tab}, or -1 (lock holder only). */
  private int probeOf(Node<K, V>[] tab, Node<K, V> node) {
    int mask = tab.length - 1;
    int home = homeSlot(node.hash, mask);
    int overflow = Index.overflowHash(node.hash);
    for (int k = 0; k <= mask + Index.HOME_RUN; k++) {
      Node<K, V> e = tab[Index.probe(k, home, overflow, mask)];
      if (e == node) {
        return k;
      }
      if (e == null) {
        return -1;
      }
    }
    return -1;
  }

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
   * Makes the segment answer every lookup with "absent" for good: kills its nodes (so that a round
   * still running, or a hot tier, finds them dead rather than missing from their segment) and
   * installs an empty, one-slot array that no writer will touch (writers check that the cache is
   * open under this lock).
   */
  void closeLocked() {
    if (closed) {
      return;
    }
    for (Node<K, V> n : table()) {
      if (isNode(n)) {
        n.killRelease();
      }
    }
    closed = true;
    used = 0;
    displacement = 0;
    LIVE.setOpaque(this, 0);
    TABLES.setRelease(tables, number, newTable(1));
  }

  @SuppressWarnings("unchecked")
  private static <K, V> Node<K, V>[] newTable(int length) {
    return (Node<K, V>[]) new Node<?, ?>[length];
  }
}
