package io.dualcache.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;

/**
 * A concurrent cache with wait-free reads. Build one with {@link #builder()}.
 *
 * <p><b>Reads</b> ({@link #get}) take no lock, make no CAS and allocate nothing: hash → hot tiers
 * T1/T2 (when enabled) → main index → deadline check against the published epoch tick. A hit may be
 * recorded, with plain stores, into a lossy per-thread-stripe ring for the policy.
 *
 * <p><b>Writes</b> ({@link #put}, {@link #remove}, {@link #compute}, ...) are applied atomically
 * per key in the calling thread, under the key's segment lock, and are visible to every thread when
 * the call returns. The policy consequences (a new node, a removed one, a new weight) are queued to
 * the daemon. If that queue is full, the writer runs the daemon's work itself (backpressure).
 *
 * <p><b>Maintenance</b> (eviction to honour the bound, admission, promotion into the hot tiers,
 * sweeping expired entries) runs on the engine's daemon thread or on the executor given to the
 * builder; {@link #cleanUp()} runs all of it now.
 *
 * <p>All methods throw {@link NullPointerException} for null keys or values and {@link
 * IllegalStateException} once the cache is {@linkplain #close() closed}.
 */
public final class DualCache<K, V> implements KeyValueStore<K, V> {

  private static final VarHandle HIT_FILTER;

  static {
    try {
      HIT_FILTER = MethodHandles.lookup().findVarHandle(DualCache.class, "hitFilter", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Index<K, V> index;

  /**
   * The index's slot arrays and log2 of its segment count, copied here so a read is one hop
   * shorter.
   */
  private final Node<K, V>[][] tables;

  private final int segmentBits;
  private final HotTier<K, V> t1;
  private final HotTier<K, V> t2;
  private final HitRecorder hits;
  private final Maintenance<K, V> maintenance;
  private final EpochClock clock;

  /** Null when every entry is eternal. */
  private final Expiry<K, V> expiry;

  /**
   * Whether entries can have deadlines (expiry != null): reads of eternal caches skip the check.
   */
  private final boolean expiring;

  private final boolean movesOnRead;

  /** Null unless entries are refreshed ahead of use. */
  private final Refresher<K, V> refresher;

  /**
   * Whether a hit does more than record itself (moves a deadline, or may start a refresh): one test
   * on the hit path for both, none of their code on caches that have neither.
   */
  private final boolean readActions;

  /**
   * Whether a hit is only an index lookup and a sampled record: no hot tiers to look in first, no
   * deadline to check, no read actions. Such a get takes the shortest path, tested by this one
   * flag: a hit is memory-bound, and each field load and branch it adds shows in its throughput.
   */
  private final boolean indexOnlyReads;

  private final WritePath<K, V> writes;
  private final EngineMetrics metrics;

  /** Set once by {@link #close}; read by writes and on the miss path of reads. */
  private volatile boolean closed;

  /**
   * The hit sampling filter (see {@link HitRecorder#sampled}). Written by the maintenance owner
   * after each drain (opaque); read opaque on every hit, so it is never hoisted out of a caller's
   * loop. It lives here rather than in the recorder so that a hit reads it without another hop. A
   * cache without a recorder keeps {@link HitRecorder#RECORD_NONE}, so that its hits make the same
   * one test and record nothing.
   */
  @SuppressWarnings("unused") // accessed through HIT_FILTER
  private long hitFilter;

  DualCache(DualCacheBuilder<K, V> b) {
    ReadPath<K, V> read = ReadPath.of(b);
    this.index = read.index();
    this.tables = index.tables;
    this.segmentBits = index.segmentBits;
    this.clock = new EpochClock(b.ticker, b.tickNanos);
    this.expiry = b.expiry;
    this.expiring = expiry != null;
    this.movesOnRead = expiring && expiry.movesOnRead();
    this.t1 = read.t1();
    this.t2 = read.t2();
    this.hits = read.hits();
    // The recorder's own first filter, set before the daemon starts (Thread.start publishes it)
    // and takes over as the recorder's owner.
    HIT_FILTER.set(this, hits != null ? hits.filter() : HitRecorder.RECORD_NONE);
    ListenerCalls<K, V> listeners = new ListenerCalls<>(b.listener);
    this.maintenance =
        new Maintenance<>(
            read,
            clock,
            new MaintenanceNotifier(listeners),
            b.maximumWeight(),
            b.writeQueueCapacity(),
            m ->
                b.executor != null
                    ? new ExecutorScheduler(m, b.executor)
                    : new DaemonThread(m, b.threadFactory()));
    this.writes = new WritePath<>(b, read, clock, maintenance, listeners);
    this.refresher = b.reloader != null ? new Refresher<>(b, clock, writes) : null;
    this.readActions = movesOnRead || refresher != null;
    this.indexOnlyReads = t1 == null && !expiring && !readActions;
    this.metrics = new EngineMetrics(this, b, read, maintenance);
    if (ticks()) {
      registerClock(); // once nothing else can fail: a failed build leaves no clock ticking
    }
  }

  /** Whether the epoch clock must tick: deadlines or refresh ages are measured in its ticks. */
  private boolean ticks() {
    return expiring || refresher != null;
  }

  private void registerClock() {
    try {
      TickingThread.register(clock);
    } catch (RuntimeException | Error e) {
      maintenance.stopScheduler(false);
      throw e;
    }
  }

  /** A builder of an unbounded cache with eternal entries, to be adjusted. */
  public static <K, V> DualCacheBuilder<K, V> builder() {
    return new DualCacheBuilder<>();
  }

  // ================================================================ reads (wait-free)

  /**
   * Returns the value for {@code key}, or null if it is absent or expired. On a hit this records
   * the access for the policy and, if the {@link Expiry} moves deadlines on reads, moves it; if the
   * entry is due for a {@linkplain DualCacheBuilder#refreshAfterWrite refresh}, it starts one. An
   * expired entry found here is removed, with an {@link ChangeType#EXPIRED} event.
   */
  @Override
  public V get(Object key) {
    int code = Objects.requireNonNull(key, "key must not be null").hashCode();
    int hash = Index.spread(code);
    if (indexOnlyReads) {
      Node<K, V> n = Index.find(tables, segmentBits, key, hash, Index.homeOf(code));
      V value;
      if (n == null || (value = n.valueAcquire()) == null) {
        return miss();
      }
      recordHit(hash);
      return value;
    }
    Node<K, V> n = find(key, hash, Index.homeOf(code));
    return readActions ? getAndAct(n, hash) : read(n, hash);
  }

  /** A get's plain read of the node found: value, expiry check, hit. */
  private V read(Node<K, V> n, int hash) {
    V value;
    if (n == null || (value = n.valueAcquire()) == null) {
      return miss();
    }
    if (isExpired(n)) {
      writes.removeExpired(n);
      return null;
    }
    recordHit(hash);
    return value;
  }

  /** A get's read when a hit moves the deadline or may start a refresh. */
  private V getAndAct(Node<K, V> n, int hash) {
    V value = movesOnRead ? getMovingDeadline(n, hash) : read(n, hash);
    if (value != null && refresher != null) {
      refresher.afterHit(n, value);
    }
    return value;
  }

  private void recordHit(int hash) {
    if (HitRecorder.sampled(hash, (long) HIT_FILTER.getOpaque(this)) && hits != null) {
      hits.record(hash); // hits is null only if a racy publication of this cache hid the filter
    }
  }

  /**
   * {@link #get} when reads move deadlines, without a lock. The deadline word is read before and
   * after the value: a writer sets its deadline before its value, so the second read is never older
   * than the value (the expiry check uses it), and two equal reads mean no writer set a deadline in
   * between (each write changes the word's stamp, see {@link Node}), so the value read belongs to
   * that deadline and the move may CAS from it. If the words differ, the read raced a write and
   * moves nothing: a read of a replaced value never overwrites the deadline of the write that
   * replaced it (with an update lifetime of zero, that would make the replaced value visible).
   */
  private V getMovingDeadline(Node<K, V> n, int hash) {
    if (n == null) {
      return miss();
    }
    long before = n.deadlineWordAcquire(); // LoadLoad: the value below is not older
    V value = n.valueAcquire();
    if (value == null) {
      return miss();
    }
    long word = n.deadlineWordOpaque(); // after the value's acquire: not older than the value
    if ((word & Node.TICKS) <= clock.tickAcquire()) {
      writes.removeExpired(n);
      return null;
    }
    recordHit(hash);
    if (word == before) {
      moveDeadlineOnRead(n, value, word);
    }
    return value;
  }

  /** Whether the live node {@code n} is past its deadline by the published tick. */
  private boolean isExpired(Node<K, V> n) {
    return expiring && n.expiredAt(clock.tickAcquire());
  }

  /**
   * A read found nothing. A closed cache finds nothing (close empties the index and the tiers), so
   * only here does a read check that the cache is open: a hit costs no such check.
   */
  private V miss() {
    checkOpen();
    return null;
  }

  /**
   * Returns the value for {@code key} like {@link #get} but as a pure read: no hit is recorded, no
   * deadline moves and nothing is removed.
   */
  public V peek(Object key) {
    int code = Objects.requireNonNull(key, "key must not be null").hashCode();
    int hash = Index.spread(code);
    Node<K, V> n = find(key, hash, Index.homeOf(code));
    V value;
    if (n == null || (value = n.valueAcquire()) == null) {
      return miss();
    }
    return isExpired(n) ? null : value;
  }

  /** Whether {@code key} is present and not expired; a pure read, like {@link #peek}. */
  @Override
  public boolean containsKey(Object key) {
    return peek(key) != null;
  }

  /** T1 → T2 → index. The node found may be dead (value null) or expired. */
  private Node<K, V> find(Object key, int hash, int home) {
    if (t1 != null) {
      Node<K, V> n = t1.find(key, hash);
      if (n != null && n.valueAcquire() != null) {
        return n;
      }
      if (t2 != null) {
        n = t2.find(key, hash);
        if (n != null && n.valueAcquire() != null) {
          return n;
        }
      }
    }
    return Index.find(tables, segmentBits, key, hash, home);
  }

  /**
   * Moves the deadline of {@code n}, read as holding {@code value} under the deadline word {@code
   * seen}, by a CAS from that word: a writer that set a deadline since wins. A deadline that would
   * not move, the common case within one tick, costs no store at all.
   */
  private void moveDeadlineOnRead(Node<K, V> n, V value, long seen) {
    long nanos = expiry.afterRead(n.key, value);
    if (nanos != Expiry.KEEP) {
      long moved = clock.deadlineAfter(nanos);
      if (moved != (seen & Node.TICKS)
          && n.compareAndSetDeadline(seen, moved) // failed: a newer deadline stands
          && moved != Node.ETERNAL) {
        maintenance.noteDeadline(); // a deadline set by reads only must be swept too
      }
    }
  }

  // ================================================================ writes (atomic per key)

  /** Stores {@code value} for {@code key}; returns the previous value, or null. */
  @Override
  public V put(K key, V value) {
    return asValue(writes.write(WritePath.Op.PUT, key, requireValue(value), null, null));
  }

  /** Stores {@code value} only if {@code key} is absent; returns the present value, or null. */
  public V putIfAbsent(K key, V value) {
    return asValue(writes.write(WritePath.Op.PUT_IF_ABSENT, key, requireValue(value), null, null));
  }

  /** Replaces the value of a present key; returns the previous value, or null if absent. */
  public V replace(K key, V value) {
    return asValue(writes.write(WritePath.Op.REPLACE, key, requireValue(value), null, null));
  }

  /** Replaces the value of {@code key} only if it currently equals {@code expected}. */
  public boolean replace(K key, V expected, V value) {
    Objects.requireNonNull(expected, "expected value must not be null");
    return writes.write(WritePath.Op.REPLACE_IF_EQUAL, key, requireValue(value), expected, null)
        != null;
  }

  /** Removes {@code key}; returns its value, or null if it was absent. */
  public V remove(Object key) {
    return asValue(writes.write(WritePath.Op.REMOVE, asKey(key), null, null, null));
  }

  /** Removes {@code key} only if its value equals {@code expected}. */
  public boolean remove(Object key, Object expected) {
    Objects.requireNonNull(expected, "expected value must not be null");
    return writes.write(WritePath.Op.REMOVE_IF_EQUAL, asKey(key), null, expected, null) != null;
  }

  /**
   * Runs {@code action} on the entry of {@code key} atomically: no other write to the key happens
   * between its read and its changes. The action's changes are applied after it returns; if it
   * throws, none of them is applied, none of their events fires and the exception propagates as is.
   * (An entry found expired is removed, with its {@link ChangeType#EXPIRED} event, before the
   * action runs, whatever the action then does: the action sees it absent.)
   *
   * @return what the action returned
   */
  @SuppressWarnings("unchecked") // the action's own result type
  @Override
  public <R> R compute(K key, EntryAction<K, V, R> action) {
    Objects.requireNonNull(action, "action must not be null");
    return (R) writes.write(WritePath.Op.COMPUTE, key, null, null, action);
  }

  private static <V> V requireValue(V value) {
    return Objects.requireNonNull(value, "value must not be null");
  }

  @SuppressWarnings("unchecked") // only looked up and compared, never stored
  private static <K> K asKey(Object key) {
    return (K) key;
  }

  @SuppressWarnings("unchecked") // every non-compute op returns a value of the cache or null
  private static <V> V asValue(Object result) {
    return (V) result;
  }

  // ================================================================ whole-cache operations

  /**
   * Removes every entry without any event. Weakly consistent with concurrent writes: an entry
   * written while the clear runs may survive it.
   */
  @Override
  public void clear() {
    checkOpen();
    maintenance.clear();
  }

  /**
   * The total weight of the entries as the policy last accounted for it (exact after {@link
   * #cleanUp()} with no write in flight); the number of entries if the cache is bounded by size,
   * and -1 for an unbounded cache, which keeps no account.
   */
  public long weightedSize() {
    checkOpen();
    return maintenance.weightedSize();
  }

  /** The number of entries, expired ones that were not removed yet included. */
  public long size() {
    checkOpen();
    return index.size();
  }

  /**
   * A weakly consistent iterator over the live, unexpired entries: it never throws {@link
   * java.util.ConcurrentModificationException}, sees every entry present for its whole run once,
   * and may or may not see concurrent changes. Its {@code remove()} removes the last key returned.
   * Iterating is a pure read: it records no hit and moves no deadline.
   */
  @Override
  public Iterator<Map.Entry<K, V>> iterator() {
    checkOpen();
    return new EntryIterator<>(this, index, clock);
  }

  /** Sizes, the bound, evictions by cause and the policy's state, for monitoring. */
  public EngineMetrics metrics() {
    return metrics;
  }

  /** The hit filter readers apply now (for {@link EngineMetrics}). */
  long hitFilterOpaque() {
    return (long) HIT_FILTER.getOpaque(this);
  }

  /** Runs all pending maintenance now (drains queues, evicts, sweeps expired entries). */
  public void cleanUp() {
    checkOpen();
    maintenance.runAll();
  }

  /**
   * Stops the daemon and releases the cache's resources; idempotent. Any later call, except {@link
   * #close()} and {@link #isClosed()}, throws {@link IllegalStateException}. Called from a listener
   * (inside a write or a maintenance round), it waits for no other writer: a segment being written,
   * by another thread or by the write this close was called from, is closed when that write
   * releases it.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    boolean fromInsideAWrite = maintenance.isHeldByCurrentThread() || index.holdsASegmentLock();
    maintenance.stopScheduler(fromInsideAWrite);
    for (Segment<K, V> s : index.segments()) {
      if (fromInsideAWrite) {
        s.closeOrDefer(); // a listener closing its cache: waiting for a writer could deadlock
      } else {
        s.lock();
        try {
          s.closeLocked();
        } finally {
          s.unlock();
        }
      }
    }
    maintenance.closeTiers();
    if (ticks()) {
      TickingThread.deregister(clock);
    }
  }

  /** Whether {@link #close()} was called. */
  @Override
  public boolean isClosed() {
    return closed;
  }

  /** Reloads ahead of expiry that failed (see {@link DualCacheBuilder#refreshAfterWrite}). */
  long refreshFailureCount() {
    return refresher == null ? 0 : refresher.failureCount();
  }

  /** T1, for tests of the tiers. */
  HotTier<K, V> tier1ForTest() {
    return t1;
  }

  void checkOpen() {
    if (closed) {
      throw new IllegalStateException("cache is closed");
    }
  }

  /** Maintenance's view of this cache: events it fires and the hit filter it sets. */
  private final class MaintenanceNotifier implements Maintenance.Notifier<K, V> {
    private final ListenerCalls<K, V> listeners;

    MaintenanceNotifier(ListenerCalls<K, V> listeners) {
      this.listeners = listeners;
    }

    @Override
    public void notifyQuietly(ChangeType type, K key, V oldValue, V newValue) {
      listeners.notifyQuietly(type, key, oldValue, newValue);
    }

    @Override
    public void publishHitFilter(long filter) {
      HIT_FILTER.setOpaque(DualCache.this, filter);
    }
  }
}
