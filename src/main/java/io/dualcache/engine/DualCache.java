package io.dualcache.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
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
public final class DualCache<K, V> implements Iterable<Map.Entry<K, V>>, AutoCloseable {

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

  /** Whether the cache has a bound, so its nodes carry policy state. */
  private final boolean bounded;

  /** Null when nobody listens. */
  private final EntryListener<K, V> listener;

  /** Null when every entry weighs 1. */
  private final Weigher<K, V> weigher;

  /** Set once by {@link #close}; read by writes and on the miss path of reads. */
  private volatile boolean closed;

  /**
   * The hit sampling filter (see {@link HitRecorder#sampled}). Written by the maintenance owner
   * after each drain (opaque); read opaque on every hit, so it is never hoisted out of a caller's
   * loop. It lives here rather than in the recorder so that a hit reads it without another hop.
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
    this.listener = b.listener;
    this.weigher = b.weigher;
    this.bounded = b.maximumWeight() >= 0;
    this.t1 = read.t1();
    this.t2 = read.t2();
    this.hits = read.hits();
    this.maintenance =
        new Maintenance<>(
            read,
            clock,
            new MaintenanceNotifier(),
            b.maximumWeight(),
            b.writeQueueCapacity(),
            m ->
                b.executor != null
                    ? new ExecutorScheduler(m, b.executor)
                    : new DaemonThread(m, b.threadFactory()));
    if (expiring) {
      registerClock(); // once nothing else can fail: a failed build leaves no clock ticking
    }
  }

  private void registerClock() {
    try {
      TickingThread.register(clock);
    } catch (RuntimeException | Error e) {
      maintenance.stopScheduler();
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
   * the access for the policy and, if the {@link Expiry} moves deadlines on reads, moves it. An
   * expired entry found here is removed, with an {@link ChangeType#EXPIRED} event.
   */
  public V get(Object key) {
    int code = Objects.requireNonNull(key, "key must not be null").hashCode();
    int hash = Index.spread(code);
    Node<K, V> n = find(key, hash, Index.homeOf(code));
    if (movesOnRead) {
      return getMovingDeadline(n, hash);
    }
    V value;
    if (n == null || (value = n.valueAcquire()) == null) {
      return miss();
    }
    if (isExpired(n)) {
      expireFound(n);
      return null;
    }
    recordHit(hash);
    return value;
  }

  private void recordHit(int hash) {
    if (hits != null && HitRecorder.sampled(hash, (long) HIT_FILTER.getOpaque(this))) {
      hits.record(hash);
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
      expireFound(n);
      return null;
    }
    recordHit(hash);
    if (word == before) {
      moveDeadlineOnRead(n, value, word);
    }
    return value;
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
      if (moved != (seen & Node.TICKS)) {
        n.compareAndSetDeadline(seen, moved); // failed: a newer deadline stands
      }
    }
  }

  /**
   * Removes {@code n}, found expired by a reader, if it still is; fires EXPIRED here. Not when the
   * reader already holds the key's lock: it reads inside its own write (a nested read in a
   * compute), and removing the node would pull it from under that write.
   */
  private void expireFound(Node<K, V> n) {
    Segment<K, V> s = index.segmentFor(n.hash);
    if (s.isHeldByCurrentThread()) {
      return;
    }
    Throwable failure = null;
    s.lock();
    try {
      V value = n.valueAcquire();
      if (value != null && !s.isClosedLocked() && isExpired(n)) {
        s.removeLocked(n);
        failure = fire(ChangeType.EXPIRED, n.key, value, null);
      }
    } finally {
      s.unlock();
      afterWrite(n);
    }
    throwIfFailed(failure);
  }

  // ================================================================ writes (atomic per key)

  /** Stores {@code value} for {@code key}; returns the previous value, or null. */
  public V put(K key, V value) {
    return asValue(write(Op.PUT, key, requireValue(value), null, null));
  }

  /** Stores {@code value} only if {@code key} is absent; returns the present value, or null. */
  public V putIfAbsent(K key, V value) {
    return asValue(write(Op.PUT_IF_ABSENT, key, requireValue(value), null, null));
  }

  /** Replaces the value of a present key; returns the previous value, or null if absent. */
  public V replace(K key, V value) {
    return asValue(write(Op.REPLACE, key, requireValue(value), null, null));
  }

  /** Replaces the value of {@code key} only if it currently equals {@code expected}. */
  public boolean replace(K key, V expected, V value) {
    Objects.requireNonNull(expected, "expected value must not be null");
    return write(Op.REPLACE_IF_EQUAL, key, requireValue(value), expected, null) != null;
  }

  /** Removes {@code key}; returns its value, or null if it was absent. */
  public V remove(Object key) {
    return asValue(write(Op.REMOVE, asKey(key), null, null, null));
  }

  /** Removes {@code key} only if its value equals {@code expected}. */
  public boolean remove(Object key, Object expected) {
    Objects.requireNonNull(expected, "expected value must not be null");
    return write(Op.REMOVE_IF_EQUAL, asKey(key), null, expected, null) != null;
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
  public <R> R compute(K key, EntryAction<K, V, R> action) {
    Objects.requireNonNull(action, "action must not be null");
    return (R) write(Op.COMPUTE, key, null, null, action);
  }

  /** What a write asks for. */
  private enum Op {
    PUT,
    PUT_IF_ABSENT,
    REPLACE,
    REPLACE_IF_EQUAL,
    REMOVE,
    REMOVE_IF_EQUAL,
    COMPUTE
  }

  /** What a write does to the entry it found, once its {@link Op} was decided. */
  private enum Effect {
    NONE,
    CREATE,
    UPDATE,
    REMOVE,
    TOUCH
  }

  /**
   * The one write skeleton. Under the key's segment lock: find the entry (one found expired is
   * removed first, with its EXPIRED event, and counts as absent), decide what {@code op} does to
   * it, apply that and fire its event. After the unlock: hand what changed to maintenance, then
   * rethrow what a listener threw (the change took effect). Returns the op's result: the previous
   * value (PUT, REPLACE, REMOVE), the present one (PUT_IF_ABSENT), for REPLACE_IF_EQUAL the new
   * value if it replaced and for REMOVE_IF_EQUAL the removed one (null if not), for COMPUTE what
   * the action returned.
   */
  private Object write(Op op, K key, V value, Object expected, EntryAction<K, V, ?> action) {
    int hash = Index.spread(Objects.requireNonNull(key, "key must not be null").hashCode());
    Segment<K, V> s = index.segmentFor(hash);
    Node<K, V> expired = null;
    Node<K, V> changed = null;
    Throwable failure = null;
    Object result;
    s.lockOpen();
    try {
      Node<K, V> n = index.find(key, hash);
      V current = n == null ? null : n.valueAcquire();
      if (current != null && isExpired(n)) {
        expired = n;
        s.removeLocked(n);
        failure = fire(ChangeType.EXPIRED, n.key, current, null);
        n = null;
        current = null;
      }
      V newValue = value;
      long lifetime = ComputeEntry.POLICY;
      Effect effect;
      switch (op) {
        case PUT -> {
          effect = current == null ? Effect.CREATE : Effect.UPDATE;
          result = current;
        }
        case PUT_IF_ABSENT -> {
          effect = current == null ? Effect.CREATE : Effect.NONE;
          result = current;
        }
        case REPLACE -> {
          effect = current == null ? Effect.NONE : Effect.UPDATE;
          result = current;
        }
        case REPLACE_IF_EQUAL -> {
          boolean matches = current != null && equal(expected, current);
          effect = matches ? Effect.UPDATE : Effect.NONE;
          result = matches ? value : null;
        }
        case REMOVE -> {
          effect = current == null ? Effect.NONE : Effect.REMOVE;
          result = current;
        }
        case REMOVE_IF_EQUAL -> {
          boolean matches = current != null && equal(expected, current);
          effect = matches ? Effect.REMOVE : Effect.NONE;
          result = matches ? current : null;
        }
        default -> { // COMPUTE
          ComputeEntry<K, V> entry = new ComputeEntry<>(key, current);
          int links = s.linksLocked();
          result = action.apply(entry);
          if (s.linksLocked() != links) {
            // A nested write in the action linked or unlinked nodes of this segment (the lock is
            // reentrant): the node found before may be gone or have a successor. Apply to what is.
            n = index.find(key, hash);
          }
          current = n == null ? null : n.valueAcquire(); // a nested write may have replaced it
          boolean present = current != null;
          newValue = entry.value();
          lifetime = entry.lifetime();
          effect =
              switch (entry.op()) {
                case SET -> present ? Effect.UPDATE : Effect.CREATE;
                case REMOVE -> present ? Effect.REMOVE : Effect.NONE;
                case TOUCH -> present ? Effect.TOUCH : Effect.NONE;
                case NONE -> Effect.NONE;
              };
        }
      }
      switch (effect) {
        case CREATE -> {
          changed = create(s, key, hash, newValue, lifetime);
          failure = first(failure, changed == null ? null : fireCreated(changed));
        }
        case UPDATE -> {
          changed = update(n, newValue, lifetime) ? n : null;
          failure = first(failure, fire(ChangeType.REPLACED, n.key, current, newValue));
        }
        case REMOVE -> {
          changed = n;
          s.removeLocked(n);
          failure = first(failure, fire(ChangeType.EXPLICIT, n.key, current, null));
        }
        case TOUCH -> {
          if (lifetime != Expiry.KEEP) {
            n.setDeadlineRelease(deadline(lifetime)); // no value store: one stamp suffices
          }
        }
        case NONE -> {}
      }
    } finally {
      s.unlock();
      afterWrite(expired);
      afterWrite(changed);
    }
    throwIfFailed(failure);
    return result;
  }

  /** Whether the live node {@code n} is past its deadline by the published tick. */
  private boolean isExpired(Node<K, V> n) {
    return expiring && n.expiredAt(clock.tickAcquire());
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

  /** Creates and links a node; returns null if its lifetime is zero (nothing stored). */
  private Node<K, V> create(Segment<K, V> s, K key, int hash, V value, long lifetime) {
    int weight = weigh(key, value);
    long nanos = lifetime != ComputeEntry.POLICY ? lifetime : lifetimeAfterCreate(key, value);
    if (nanos == Expiry.KEEP) {
      nanos = Expiry.ETERNAL; // nothing to keep on a new entry
    }
    long deadline = deadline(nanos);
    if (deadline == 0L) {
      return null; // expires at once: never visible
    }
    Node<K, V> n = newNode(hash, key, value, deadline, weight);
    s.insertLocked(n);
    return n;
  }

  /** The smallest node that carries what this cache tracks (see {@link Node}). */
  private Node<K, V> newNode(int hash, K key, V value, long deadline, int weight) {
    if (weigher != null) {
      return new WeightedNode<>(hash, key, value, deadline, weight);
    }
    return bounded
        ? new PolicyNode<>(hash, key, value, deadline)
        : new Node<>(hash, key, value, deadline);
  }

  /**
   * Replaces the value of the live node {@code n}. Returns whether the policy must hear of it (the
   * weight changed: queue the node); otherwise the update counts for the policy as a hit.
   */
  private boolean update(Node<K, V> n, V value, long lifetime) {
    int weight = weigh(n.key, value);
    long nanos = lifetime != ComputeEntry.POLICY ? lifetime : lifetimeAfterUpdate(n.key, value);
    long deadline = nanos == Expiry.KEEP ? -1 : deadline(nanos);
    if (deadline >= 0) {
      n.setDeadlineRelease(deadline); // before the value: a reader of the new value sees it
    }
    int previousWeight = n.weightOpaque();
    n.setWeightOpaque(weight); // published to maintenance by the queue, after unlock
    n.setValueRelease(value);
    if (weight != previousWeight) {
      return true;
    }
    if (hits != null) {
      hits.record(n.hash);
    }
    return false;
  }

  private long lifetimeAfterCreate(K key, V value) {
    return expiry == null ? Expiry.ETERNAL : expiry.afterCreate(key, value);
  }

  private long lifetimeAfterUpdate(K key, V value) {
    return expiry == null ? Expiry.KEEP : expiry.afterUpdate(key, value);
  }

  /** A lifetime in nanoseconds as a deadline in ticks; tells maintenance deadlines exist. */
  private long deadline(long nanos) {
    if (nanos == Expiry.ETERNAL) {
      return Node.ETERNAL;
    }
    if (nanos < 0) {
      throw new IllegalStateException(
          "Expiry returned a negative lifetime: " + nanos + " ns (use 0 to expire at once)");
    }
    maintenance.noteDeadline();
    return clock.deadlineAfter(nanos);
  }

  private int weigh(K key, V value) {
    if (weigher == null) {
      return 1;
    }
    int weight = weigher.weigh(key, value);
    if (weight < 0) {
      throw new IllegalArgumentException(
          "weigher returned a negative weight for key " + key + ": weight=" + weight);
    }
    return weight;
  }

  /** Tells maintenance that {@code n} changed (null: nothing did), after the segment lock. */
  private void afterWrite(Node<K, V> n) {
    maintenance.afterWrite(n);
  }

  // ================================================================ whole-cache operations

  /**
   * Removes every entry without any event. Weakly consistent with concurrent writes: an entry
   * written while the clear runs may survive it.
   */
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
    return new EntryIterator();
  }

  /** Runs all pending maintenance now (drains queues, evicts, sweeps expired entries). */
  public void cleanUp() {
    checkOpen();
    maintenance.runAll();
  }

  /**
   * Stops the daemon and releases the cache's resources; idempotent. Any later call, except {@link
   * #close()} and {@link #isClosed()}, throws {@link IllegalStateException}.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    maintenance.stopScheduler();
    for (Segment<K, V> s : index.segments()) {
      s.lock();
      try {
        s.closeLocked();
      } finally {
        s.unlock();
      }
    }
    maintenance.closeTiers();
    if (expiring) {
      TickingThread.deregister(clock);
    }
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /** T1, for tests of the tiers. */
  HotTier<K, V> tier1ForTest() {
    return t1;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("cache is closed");
    }
  }

  // ================================================================ events

  private Throwable fireCreated(Node<K, V> n) {
    return fire(ChangeType.CREATED, n.key, null, n.valueAcquire());
  }

  /**
   * Fires one event in the calling thread; returns what the listener threw, {@link Error}s
   * included, instead of throwing it: the change it reports has taken effect and must be finished
   * (unlocked, queued for the policy) before the caller hears of the failure.
   */
  private Throwable fire(ChangeType type, K key, V oldValue, V newValue) {
    if (listener == null) {
      return null;
    }
    try {
      listener.onEvent(type, key, oldValue, newValue);
      return null;
    } catch (Throwable e) { // NOPMD: rethrown to the caller once the write is complete
      return e;
    }
  }

  /** Maintenance's view of this cache: events it fires and the hit filter it sets. */
  private final class MaintenanceNotifier implements Maintenance.Notifier<K, V> {
    @Override
    public void notifyQuietly(ChangeType type, K key, V oldValue, V newValue) {
      Throwable e = fire(type, key, oldValue, newValue);
      if (e != null) {
        logQuietly(type, e);
      }
    }

    @Override
    public void publishHitFilter(long filter) {
      HIT_FILTER.setOpaque(DualCache.this, filter);
    }
  }

  /**
   * Logs a listener's failure in maintenance. The key is left out of the message: its toString is
   * user code too, and may be what fails. Logging itself may fail (out of memory): maintenance goes
   * on regardless.
   */
  private void logQuietly(ChangeType type, Throwable e) {
    try {
      System.getLogger(DualCache.class.getName())
          .log(System.Logger.Level.WARNING, "entry listener failed on " + type, e);
    } catch (RuntimeException | Error ignored) {
      // nothing more can be done for this event
    }
  }

  private static Throwable first(Throwable a, Throwable b) {
    return a != null ? a : b;
  }

  /** Rethrows a user object's failure as it was thrown (a checked one sneaked in: wrapped). */
  private static void throwIfFailed(Throwable failure) {
    if (failure == null) {
      return;
    }
    if (failure instanceof RuntimeException e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    throw new IllegalStateException("entry listener threw a checked exception", failure);
  }

  private static boolean equal(Object a, Object b) {
    return a == b || a.equals(b);
  }

  // ================================================================ iteration

  private final class EntryIterator implements Iterator<Map.Entry<K, V>> {
    private final Segment<K, V>[] segments = index.segments();
    private int segment = -1;
    private Node<K, V>[] slots;
    private int slot;
    private Map.Entry<K, V> next;
    private K lastKey;

    EntryIterator() {
      advance();
    }

    private void advance() {
      next = null;
      long tick = clock.tickAcquire();
      while (true) {
        while (slots == null || slot >= slots.length) {
          if (++segment >= segments.length) {
            return;
          }
          slots = segments[segment].slots();
          slot = 0;
        }
        Node<K, V> n = slots[slot++];
        if (Segment.isNode(n)) {
          V value = n.valueAcquire();
          if (value != null && !n.expiredAt(tick)) {
            next = new SimpleImmutableEntry<>(n.key, value);
            return;
          }
        }
      }
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public Map.Entry<K, V> next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      checkOpen();
      Map.Entry<K, V> e = next;
      lastKey = e.getKey();
      advance();
      return e;
    }

    @Override
    public void remove() {
      if (lastKey == null) {
        throw new IllegalStateException("next() was not called, or remove() was called already");
      }
      DualCache.this.remove(lastKey);
      lastKey = null;
    }
  }
}
