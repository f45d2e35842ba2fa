package io.dualcache.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jctools.queues.atomic.MpscAtomicArrayQueue;
import org.jctools.queues.atomic.MpscUnboundedAtomicArrayQueue;

/**
 * The policy side of the engine: all the work of the engine's daemon. One thread at a time runs it,
 * under {@link #lock}: the daemon thread, a writer helping when the write queue is full, or a
 * caller of {@code cleanUp()}. A round:
 *
 * <ol>
 *   <li>publishes the current tick,
 *   <li>drains the hit rings: ranks and frequencies go up, hot nodes are promoted into T1/T2,
 *   <li>drains the write queue: each queued node is reconciled with the policy (joins it, leaves
 *       it, or changes weight — decided by looking at the node, so a node queued twice is
 *       harmless), evicting as it goes,
 *   <li>evicts until the cache is back within its bound,
 *   <li>once a second (or on {@code cleanUp}), sweeps the index for expired entries.
 * </ol>
 *
 * Eviction and sweeping take a segment's lock with {@code tryLock} only and never one the running
 * thread already holds, so maintenance never waits for a writer: a writer that holds a segment lock
 * may itself run maintenance (backpressure) without deadlock or touching the entry it is changing.
 * For the same reason {@link #clear()} takes segment locks before, never while, it holds the
 * maintenance lock.
 *
 * <p>A round never ends the work it was asked for by throwing: a listener's failure is logged per
 * event ({@link Notifier#notifyQuietly}), a failing ticker leaves the last published tick, and
 * whoever releases the maintenance lock with writes still queued asks the scheduler for another
 * round, so that no write is left waiting for the next one.
 */
final class Maintenance<K, V> {

  /** How long a writer waits for a draining thread when the write queue is full. */
  private static final long BACKOFF_NANOS = 10_000L;

  private static final System.Logger LOG = System.getLogger(Maintenance.class.getName());

  private static final VarHandle WEIGHTED_SIZE;

  static {
    try {
      WEIGHTED_SIZE =
          MethodHandles.lookup().findVarHandle(Maintenance.class, "weightedSize", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Hit records between two halvings of the hot tiers' heat. */
  private static final int AGE_PERIOD = 1 << 16;

  /** How often the index is swept for expired entries, in nanoseconds. */
  private static final long SWEEP_PERIOD_NANOS = 1_000_000_000L;

  /** The most queued nodes reconciled between two evictions. */
  private static final int MAX_EVICTION_BATCH = 64;

  /** Sketch frequency a node needs before it is promoted into a hot tier. */
  private static final int PROMOTE_T2 = 2;

  private static final int PROMOTE_T1 = 4;

  final ReentrantLock lock = new ReentrantLock();

  /**
   * Evictions and expirations, counted where the removal takes effect; see {@link EngineCounters}.
   */
  final EngineCounters counters = new EngineCounters();

  private final Index<K, V> index;
  private final EpochClock clock;
  private final Notifier<K, V> notifier;

  /** Null when unbounded. */
  private final Policy<K, V> policy;

  /** Null when neither a policy nor hot tiers need frequencies. */
  private final FrequencySketch sketch;

  /** Null when the tiers are off. */
  private final HotTier<K, V> t1;

  private final HotTier<K, V> t2;

  /** Null when nothing records hits. */
  private final HitRecorder hits;

  /** Nodes whose policy state may be stale; null when there is no policy state to keep. */
  private final MpscAtomicArrayQueue<Node<K, V>> writes;

  /**
   * The nodes written from inside a round (by a listener or an action it runs) while {@link
   * #writes} was full: that writer is the only thread that could drain the queue, so it cannot wait
   * for room. Offered and polled by the maintenance owner only; tested for emptiness by anyone
   * (JCTools' MPSC queue makes that safe). Null when {@link #writes} is.
   */
  private final MpscUnboundedAtomicArrayQueue<Node<K, V>> ownerWrites;

  /** Decides where rounds run; made last in the constructor, from this maintenance. */
  private final Scheduler scheduler;

  /** What the write queue holds at most: one round drains that many nodes at most. */
  private final int writeQueueCapacity;

  /** Queued nodes reconciled between two evictions. */
  private final int evictionBatch;

  private final long sweepPeriodTicks;
  private long nextSweepTick;
  private int hitsSinceAging;
  private int lastHitsDrained;

  /**
   * Whether some entry may have a deadline. Set by writers the first time they store one; read by
   * maintenance to skip sweeps of caches that never expire anything. Volatile: a plain flag could
   * be hoisted out of the daemon's loop.
   */
  private volatile boolean mayExpire;

  /** The policy's weight total at the end of the last round. Maintenance owner writes (opaque). */
  @SuppressWarnings("unused") // accessed through WEIGHTED_SIZE
  private long weightedSize;

  /** Set once by {@link #stopScheduler} (volatile); read by writers in backpressure. */
  private volatile boolean closing;

  /** Whether a failing ticker was logged already (maintenance owner only). */
  private boolean tickerFailureLogged;

  Maintenance(
      ReadPath<K, V> read,
      EpochClock clock,
      Notifier<K, V> notifier,
      long maximumWeight,
      int writeQueueCapacity,
      Function<Maintenance<K, V>, Scheduler> schedulerFactory) {
    this.index = read.index();
    this.t1 = read.t1();
    this.t2 = read.t2();
    this.hits = read.hits();
    this.clock = clock;
    this.notifier = notifier;
    boolean bounded = maximumWeight >= 0;
    boolean tracksNodes = read.tracksNodes();
    this.sketch = tracksNodes ? new FrequencySketch(sketchCapacity(maximumWeight)) : null;
    this.policy = bounded ? new Policy<>(maximumWeight, sketch) : null;
    if (policy != null) {
      counters.setWindowShareOpaque(policy.windowShare());
    }
    this.writes = tracksNodes ? new MpscAtomicArrayQueue<>(writeQueueCapacity) : null;
    this.ownerWrites = tracksNodes ? new MpscUnboundedAtomicArrayQueue<>(16) : null;
    // JCTools rounds the capacity up to a power of two: drain what the queue can really hold.
    this.writeQueueCapacity = writes == null ? 0 : writes.capacity();
    this.evictionBatch = Math.max(1, Math.min(MAX_EVICTION_BATCH, writeQueueCapacity / 4));
    this.sweepPeriodTicks = Math.max(1, SWEEP_PERIOD_NANOS / clock.tickNanos);
    this.scheduler = schedulerFactory.apply(this); // last: it may start a thread that runs rounds
  }

  private static long sketchCapacity(long maximumWeight) {
    return maximumWeight >= 0 ? Math.max(16, Math.min(maximumWeight, 1L << 24)) : 1 << 16;
  }

  /** The policy's weight total as of the last round, or -1 when unbounded (any thread). */
  long weightedSize() {
    return policy == null ? -1 : (long) WEIGHTED_SIZE.getOpaque(this);
  }

  void noteDeadline() {
    if (!mayExpire) {
      mayExpire = true;
    }
  }

  /** Whether a writer queued a node, or is queuing one (it claimed a slot), for the next round. */
  boolean hasPendingWrites() {
    return writes != null && (!writes.isEmpty() || !ownerWrites.isEmpty());
  }

  /** Whether a node is queued that a round could take now (its writer finished queuing it). */
  boolean hasPollableWrites() {
    return writes != null && (writes.relaxedPeek() != null || ownerWrites.relaxedPeek() != null);
  }

  /**
   * Tells maintenance that a write changed {@code node} (null: nothing changed), after the write
   * released its segment lock. Queues the node for the policy; when the queue is full the caller
   * runs rounds itself until it has room (backpressure), which cannot deadlock even while the
   * caller holds another segment's lock (a nested write): maintenance never waits for a writer.
   */
  void afterWrite(Node<K, V> node) {
    if (node == null || writes == null) {
      return;
    }
    while (!writes.offer(node)) {
      if (lock.isHeldByCurrentThread()) { // written from inside a round: the next one takes it
        ownerWrites.offer(node);
        break;
      }
      if (closing) {
        return; // the cache is closing: its nodes die, the policy needs no news of them
      }
      if (tryRunFromWriter() < 0) {
        LockSupport.parkNanos(BACKOFF_NANOS); // another thread is draining: give it a moment
      }
    }
    scheduler.schedule();
  }

  /** A backpressure round: its own failure must not keep the writer's node out of the queue. */
  private int tryRunFromWriter() {
    try {
      return tryRun();
    } catch (RuntimeException | Error e) {
      LOG.log(System.Logger.Level.ERROR, "DualCache maintenance failed in a writer", e);
      return -1;
    }
  }

  /**
   * Runs a round if no other thread is running one.
   *
   * @return the number of queued nodes the round handled, or -1 if a thread (this one included: a
   *     listener or an action called from a round) was running a round
   */
  int tryRun() {
    if (lock.isHeldByCurrentThread() || !lock.tryLock()) {
      return -1; // a round inside a round would move the policy's nodes under the outer one
    }
    int handled;
    try {
      handled = round(false);
    } finally {
      unlockAndRescheduleIfPending();
    }
    return handled;
  }

  /**
   * Runs everything that is pending, waiting for a running round to finish first. Does nothing when
   * called from inside a round (a listener's {@code cleanUp()}): the round under way does the work,
   * and a round nested in it would move the policy's nodes under its feet.
   */
  void runAll() {
    if (lock.isHeldByCurrentThread()) {
      return;
    }
    lock.lock();
    try {
      round(true);
    } finally {
      unlockAndRescheduleIfPending();
    }
  }

  /**
   * Releases the maintenance lock, then asks for a round if writes are queued: a round the
   * scheduler started meanwhile may have found the lock taken and done nothing. Checked after the
   * unlock, so a write queued after the check finds the lock free when its own round starts.
   */
  private void unlockAndRescheduleIfPending() {
    lock.unlock();
    if (hasPendingWrites()) {
      scheduler.schedule();
    }
  }

  /** Whether this thread runs a round now (a listener called from maintenance). */
  boolean isHeldByCurrentThread() {
    return lock.isHeldByCurrentThread();
  }

  /** Whether some thread runs a round now (holds the maintenance lock). */
  boolean isRunning() {
    return lock.isLocked();
  }

  /**
   * Stops the scheduler: no round it starts runs after this returns. From then on a writer stuck in
   * backpressure gives up queuing: a close called from inside a round (a listener) holds the
   * maintenance lock while it waits for segment locks, and a writer holding one of them (a compute
   * whose action writes other keys) must not wait for a round in turn.
   */
  void stopScheduler() {
    closing = true;
    scheduler.stop();
  }

  /** Returns once no thread is running a round (a round runs under the lock). */
  @SuppressWarnings("LockNotBeforeTry") // nothing runs between lock and unlock that could throw
  void awaitRunningRound() {
    lock.lock();
    lock.unlock();
  }

  /**
   * Empties the index without events, keeping the policy consistent. Each segment is cleared under
   * its own lock while this thread holds no maintenance lock (a writer holding that segment's lock
   * may need a round to get room in the write queue); only then does it take the maintenance lock
   * to make the policy forget the nodes the clear killed. Nodes written after their segment was
   * cleared stay, in the index and in the policy.
   */
  void clear() {
    for (Segment<K, V> s : index.segments()) {
      s.lock();
      try {
        s.clearLocked();
      } finally {
        s.unlock();
      }
    }
    lock.lock();
    try {
      drainWrites();
      if (policy != null) {
        policy.forgetDeadAndFrequencies();
        publishWeightedSize();
      }
      clearTiers();
    } finally {
      unlockAndRescheduleIfPending();
    }
  }

  /** Empties the hot tiers for good, once the index is closed: a closed cache finds nothing. */
  void closeTiers() {
    lock.lock();
    try {
      clearTiers();
    } finally {
      lock.unlock();
    }
  }

  private void clearTiers() {
    if (t1 != null) {
      t1.clear();
    }
    if (t2 != null) {
      t2.clear();
    }
  }

  // ---------------------------------------------------------------- one round

  /** Hit records the last round drained (maintenance owner only). */
  int lastHitsDrained() {
    return lastHitsDrained;
  }

  private int round(boolean everything) {
    long tick = refreshTick();
    // Hits first: the evictions the queued writes cause must see the hits of the same period, and
    // a key written after a hit is the younger of the two. The other way round, a key hit a moment
    // ago met its duel with its old count, and its hits then moved it behind keys written after
    // them (run live by a daemon that keeps up, a hot set that moves trailed the replay that sees
    // every hit in order by 1.8 points, and now by 0.4; results 2026-12-03-round-order). A hit on
    // a node whose write is still queued counts in the sketch; the node joins the policy after.
    lastHitsDrained = drainHits();
    int writesDrained = drainWrites();
    evict();
    if (mayExpire && (everything || tick >= nextSweepTick)) {
      nextSweepTick = tick + sweepPeriodTicks;
      sweepExpired(tick);
    }
    if (policy != null) {
      publishWeightedSize();
    }
    return writesDrained;
  }

  /** The ticker's tick, or the last published one if the ticker (user code) fails. */
  private long refreshTick() {
    try {
      long tick = clock.refresh();
      tickerFailureLogged = false;
      return tick;
    } catch (RuntimeException | Error e) {
      if (!tickerFailureLogged) {
        tickerFailureLogged = true;
        LOG.log(System.Logger.Level.ERROR, "DualCache ticker failed: keeping the last tick", e);
      }
      return clock.tickAcquire();
    }
  }

  private void publishWeightedSize() {
    WEIGHTED_SIZE.setOpaque(this, policy.weightedSize());
    counters.setWindowShareOpaque(policy.windowShare());
  }

  private void evict() {
    if (policy != null) {
      policy.evict(this::evict);
    }
  }

  /**
   * Reconciles the queued nodes, evicting after every batch: writers may refill the queue as fast
   * as it drains, and the bound must hold meanwhile. Takes at most one queue's worth (all that was
   * pending when it started), so a round ends even under a steady stream of writes.
   */
  private int drainWrites() {
    if (writes == null) {
      return 0;
    }
    int drained = 0;
    Node<K, V> n;
    // First the writes the last round's listeners made into a full queue; only those there now, so
    // that a listener writing on every eviction cannot keep the round going.
    for (int own = ownerWrites.size(); own > 0 && (n = ownerWrites.relaxedPoll()) != null; own--) {
      drained = reconcileInBatches(n, drained);
    }
    while (drained < writeQueueCapacity && (n = writes.relaxedPoll()) != null) {
      drained = reconcileInBatches(n, drained);
    }
    return drained;
  }

  /** Reconciles the {@code drained + 1}-th node of a drain, evicting after every batch. */
  private int reconcileInBatches(Node<K, V> n, int drained) {
    reconcile(n);
    if (++drained % evictionBatch == 0) {
      evict();
    }
    return drained;
  }

  /** Brings the policy's view of {@code node} in line with the node. */
  private void reconcile(Node<K, V> node) {
    if (node.valueAcquire() == null) {
      forget(node);
    } else if (policy != null) {
      PolicyNode<K, V> n = (PolicyNode<K, V>) node;
      if (n.queue == Policy.NONE) {
        policy.onAdd(n);
      } else if (n.weightOpaque() != n.policyWeight()) {
        policy.onWeightChange(n);
      }
    }
  }

  private void forget(Node<K, V> node) {
    if (policy != null) {
      policy.onRemove((PolicyNode<K, V>) node);
    }
    if (t1 != null) {
      t1.evict(node);
    }
    if (t2 != null) {
      t2.evict(node);
    }
  }

  private int drainHits() {
    if (hits == null) {
      return 0;
    }
    int sampleBits = hits.sampleBits(); // the rate the readers ran at since the last drain
    int drained = hits.drain(this::onHit);
    if (sampleBits > 0) {
      // Each record stands for 2^sampleBits hits: the others still age the sketch (see ageBy).
      sketch.ageBy((long) drained * ((1 << sampleBits) - 1));
    }
    notifier.publishHitFilter(hits.filter());
    hitsSinceAging += drained;
    if (hitsSinceAging >= AGE_PERIOD) {
      hitsSinceAging = 0;
      if (t1 != null) {
        t1.age();
      }
      if (t2 != null) {
        t2.age();
      }
    }
    return drained;
  }

  private void onHit(int hash) {
    Node<K, V> n = index.segmentFor(hash).findByHash(hash);
    if (n == null || n.valueAcquire() == null) {
      sketch.increment(hash);
      return;
    }
    if (policy != null) {
      policy.onHit((PolicyNode<K, V>) n); // counts the access in the sketch too
    } else {
      sketch.increment(hash);
    }
    if (t1 != null) {
      promote(n);
    }
  }

  /** Offers a hot node to T1, or T2 if T1 keeps its occupant. */
  private void promote(Node<K, V> n) {
    int frequency = sketch.frequency(n.hash);
    if (frequency >= PROMOTE_T1 && t1.offer(n, frequency)) {
      return;
    }
    if (t2 != null && frequency >= PROMOTE_T2) {
      t2.offer(n, frequency);
    }
  }

  /**
   * Evicts {@code victim} unless its segment is busy; reports it to the policy if it left. A victim
   * already past its deadline leaves as {@link ChangeType#EXPIRED}: that is why it is gone.
   */
  private boolean evict(PolicyNode<K, V> victim) {
    Segment<K, V> s = index.segmentFor(victim.hash);
    if (!s.tryLockUnheld()) {
      return false; // a writer is on it (maybe this thread, deeper in the stack): next round
    }
    try {
      V value = victim.valueAcquire(); // null: removed, cleared or closed meanwhile
      if (value != null) {
        ChangeType cause =
            victim.expiredAt(clock.tickAcquire()) ? ChangeType.EXPIRED : ChangeType.EVICTED;
        s.removeLocked(victim);
        if (cause == ChangeType.EVICTED) {
          counters.countEvictionBySizeByOwner();
        } else {
          counters.countExpiration();
        }
        notifier.notifyQuietly(cause, victim.key, value, null);
      }
    } finally {
      s.unlock();
    }
    forget(victim);
    return true;
  }

  private void sweepExpired(long tick) {
    for (Segment<K, V> s : index.segments()) {
      Node<K, V>[] slots = s.slots();
      for (int i = 0; i < slots.length; i++) {
        Node<K, V> n = Segment.slotAcquire(slots, i); // sees the node's fields as linked
        if (Segment.isNode(n) && n.expiredAt(tick) && n.valueAcquire() != null) {
          expire(s, n, tick);
        }
      }
    }
  }

  private void expire(Segment<K, V> s, Node<K, V> n, long tick) {
    if (!s.tryLockUnheld()) {
      return; // busy: the next sweep, or a reader, will find it
    }
    try {
      V value = n.valueAcquire();
      if (value == null || !n.expiredAt(tick)) {
        return; // removed or renewed meanwhile
      }
      s.removeLocked(n);
      counters.countExpiration();
      notifier.notifyQuietly(ChangeType.EXPIRED, n.key, value, null);
    } finally {
      s.unlock();
    }
    forget(n);
  }

  /** What maintenance tells the cache it serves. */
  interface Notifier<K, V> {
    /**
     * Sends an event from maintenance, where nobody could catch an exception: whatever the listener
     * throws, {@link Error}s included, is logged and maintenance goes on.
     */
    void notifyQuietly(ChangeType type, K key, V oldValue, V newValue);

    /** Hands the readers the hit sampling filter to apply from now on. */
    void publishHitFilter(long filter);
  }
}
