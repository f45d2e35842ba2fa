package io.dualcache.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
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

  /** How often the index is swept for expired entries, in nanoseconds. */
  private static final long SWEEP_PERIOD_NANOS = 1_000_000_000L;

  /** The most queued nodes reconciled between two evictions. */
  private static final int MAX_EVICTION_BATCH = 64;

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

  /** Applies what the hit rings recorded. */
  private final HitDrain<K, V> hitDrain;

  /** Nodes whose policy state may be stale; null when there is no policy state to keep. */
  private final MpscAtomicArrayQueue<Node<K, V>> writes;

  /**
   * The nodes written while {@link #writes} was full by a thread that must not wait for a round:
   * the round's own thread (a listener or an action it runs), the only one that could drain the
   * queue, and a thread holding a segment lock while another runs the round (a compute's nested
   * write), since that round may wait for the segment (its listener writing a key there). Offered
   * by those threads, polled by the maintenance owner; tested for emptiness by anyone (JCTools'
   * MPSC queue makes all that safe). Null when {@link #writes} is.
   */
  private final MpscUnboundedAtomicArrayQueue<Node<K, V>> overflowWrites;

  /**
   * Work that needs the maintenance lock, left by a thread inside a write (holding a segment lock)
   * that found another thread holding it: waiting could deadlock, as above. Bits set by that thread
   * (an atomic or), which then tries the lock once more; taken (getAndSet) by whoever holds the
   * lock, before it releases it and again after, if new bits came meanwhile. So the last thread to
   * hold the lock does the work, and none waits for it.
   */
  private final AtomicInteger deferred = new AtomicInteger();

  /** {@link #deferred}: a clear emptied the segments; the policy must forget their nodes. */
  private static final int FORGET_CLEARED = 1;

  /** {@link #deferred}: the cache closed; the hot tiers must be emptied. */
  private static final int CLEAR_TIERS = 2;

  /** Decides where rounds run; made last in the constructor, from this maintenance. */
  private final Scheduler scheduler;

  /** What the write queue holds at most: one round drains that many nodes at most. */
  private final int writeQueueCapacity;

  /** Queued nodes reconciled between two evictions. */
  private final int evictionBatch;

  private final long sweepPeriodTicks;
  private long nextSweepTick;

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
    this.clock = clock;
    this.notifier = notifier;
    boolean bounded = maximumWeight >= 0;
    boolean tracksNodes = read.tracksNodes();
    this.sketch = tracksNodes ? new FrequencySketch(sketchCapacity(maximumWeight)) : null;
    this.policy = bounded ? new Policy<>(maximumWeight, sketch) : null;
    this.hitDrain = new HitDrain<>(read, sketch, policy, notifier::publishHitFilter);
    if (policy != null) {
      counters.setWindowShareOpaque(policy.windowShare());
    }
    this.writes = tracksNodes ? new MpscAtomicArrayQueue<>(writeQueueCapacity) : null;
    this.overflowWrites = tracksNodes ? new MpscUnboundedAtomicArrayQueue<>(16) : null;
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
    return writes != null && (!writes.isEmpty() || !overflowWrites.isEmpty());
  }

  /** Whether a node is queued that a round could take now (its writer finished queuing it). */
  boolean hasPollableWrites() {
    return writes != null && (writes.relaxedPeek() != null || overflowWrites.relaxedPeek() != null);
  }

  /**
   * Tells maintenance that a write changed {@code node} (null: nothing changed), after the write
   * released its segment lock. Queues the node for the policy; when the queue is full the caller
   * runs rounds itself until it has room (backpressure). A caller that must not wait for a round
   * (see {@link #overflowWrites}) queues the node there instead.
   */
  void afterWrite(Node<K, V> node) {
    if (node == null || writes == null) {
      return;
    }
    while (!writes.offer(node)) {
      if (lock.isHeldByCurrentThread()) { // written from inside a round: the next one takes it
        overflowWrites.offer(node);
        break;
      }
      if (closing) {
        return; // the cache is closing: its nodes die, the policy needs no news of them
      }
      if (tryRunFromWriter() < 0) {
        if (index.holdsASegmentLock()) { // the running round may be waiting for that segment
          overflowWrites.offer(node);
          break;
        }
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
   * and a round nested in it would move the policy's nodes under its feet. Inside a write (an
   * action's {@code cleanUp()}) it waits for no round either: that round may be waiting for the
   * write's segment, and it reschedules what it leaves pending.
   */
  void runAll() {
    if (lock.isHeldByCurrentThread() || !lockUnlessInsideAWrite()) {
      return;
    }
    try {
      // Rounds until all that was queued when this began is taken: a round takes one queue's worth,
      // and writes that overflowed the queue (see overflowWrites) may be more. Writes made since
      // wait for the next round, so a steady stream of them cannot keep this going.
      long pending = writes == null ? 0 : (long) writes.size() + overflowWrites.size();
      long drained = 0;
      int handled;
      do {
        handled = round(true);
        drained += handled;
      } while (handled > 0 && drained < pending);
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
    runDeferredLocked();
    lock.unlock();
    if (deferred.get() != 0 && lock.tryLock()) { // left while this thread held the lock
      unlockAndRescheduleIfPending();
      return;
    }
    if (hasPendingWrites()) {
      scheduler.schedule();
    }
  }

  /** Does the work others left (lock holder only). */
  private void runDeferredLocked() {
    int work = deferred.getAndSet(0);
    if ((work & FORGET_CLEARED) != 0) {
      forgetCleared();
    }
    if ((work & CLEAR_TIERS) != 0) {
      clearTiers();
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
   * Stops the scheduler: no round it starts runs after this returns, unless the close comes from
   * inside a write or a round (a listener or an action), which waits for no round: that round may
   * be waiting for the write's segment. From then on a writer stuck in backpressure gives up
   * queuing: its node dies with the cache, and the policy needs no news of it.
   */
  void stopScheduler(boolean fromInsideAWrite) {
    closing = true;
    scheduler.stop(!fromInsideAWrite);
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
    withLockOrDeferred(FORGET_CLEARED);
  }

  private void forgetCleared() {
    drainWrites();
    if (policy != null) {
      policy.forgetDeadAndFrequencies();
      publishWeightedSize();
    }
    clearTiers();
  }

  /**
   * Empties the hot tiers for good, once the index is closed: a closed cache finds nothing. From
   * inside a write, while another thread runs a round, that round empties them as it ends.
   */
  void closeTiers() {
    if (t1 != null || t2 != null) {
      withLockOrDeferred(CLEAR_TIERS);
    }
  }

  /**
   * Does {@code work} under the maintenance lock: waits for it, unless this thread is inside a
   * write, which leaves the work to the lock's holder instead (see {@link #deferred}).
   */
  private void withLockOrDeferred(int work) {
    deferred.accumulateAndGet(work, (left, more) -> left | more);
    if (lockUnlessInsideAWrite()) {
      unlockAndRescheduleIfPending();
    }
  }

  /**
   * Takes the maintenance lock, waiting for it unless this thread is inside a write (holds a
   * segment lock, not this one), which only tries: the holder may be waiting for that segment.
   * Returns whether this thread holds the lock now.
   */
  private boolean lockUnlessInsideAWrite() {
    if (!lock.isHeldByCurrentThread() && index.holdsASegmentLock()) {
      return lock.tryLock();
    }
    lock.lock();
    return true;
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
    return hitDrain.lastDrained();
  }

  private int round(boolean everything) {
    long tick = refreshTick();
    // Hits first: the evictions the queued writes cause must see the hits of the same period, and
    // a key written after a hit is the younger of the two. The other way round, a key hit a moment
    // ago met its duel with its old count, and its hits then moved it behind keys written after
    // them (run live by a daemon that keeps up, a hot set that moves trailed the replay that sees
    // every hit in order by 1.8 points, and now by 0.4; results 2026-12-03-round-order). A hit on
    // a node whose write is still queued counts in the sketch; the node joins the policy after.
    hitDrain.drain();
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
    // First the writes that overflowed a full queue; only those there now, so that a listener
    // writing on every eviction cannot keep the round going.
    for (int over = overflowWrites.size();
        over > 0 && (n = overflowWrites.relaxedPoll()) != null;
        over--) {
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
