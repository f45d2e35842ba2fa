package io.dualcache.engine;

import java.util.Objects;

/**
 * The write path: every change of an entry, made in the caller's thread under the key's segment
 * lock ({@link #write}, one skeleton for every kind of write), and what the change costs: its
 * weight, its deadline, its event. After the unlock, the node that changed goes to {@link
 * Maintenance#afterWrite}. Readers find expired entries; this removes them too ({@link
 * #removeExpired}).
 */
final class WritePath<K, V> {

  private final Index<K, V> index;
  private final EpochClock clock;
  private final Maintenance<K, V> maintenance;
  private final ListenerCalls<K, V> listeners;

  /** Null when unbounded; records an update that leaves the weight as a hit. */
  private final HitRecorder hits;

  /** Null when every entry is eternal. */
  private final Expiry<K, V> expiry;

  private final boolean expiring;

  /** Null when every entry weighs 1. */
  private final Weigher<K, V> weigher;

  /** Whether the cache has a bound, so its nodes carry policy state. */
  private final boolean bounded;

  /** Whether entries are refreshed ahead of use, so their nodes carry the tick of their write. */
  private final boolean refreshing;

  WritePath(
      DualCacheBuilder<K, V> b,
      ReadPath<K, V> read,
      EpochClock clock,
      Maintenance<K, V> maintenance,
      ListenerCalls<K, V> listeners) {
    this.index = read.index();
    this.hits = read.hits();
    this.clock = clock;
    this.maintenance = maintenance;
    this.listeners = listeners;
    this.expiry = b.expiry;
    this.expiring = expiry != null;
    this.weigher = b.weigher;
    this.bounded = b.maximumWeight() >= 0;
    this.refreshing = b.reloader != null;
  }

  /**
   * Removes {@code n}, found expired by a reader, if it still is; fires EXPIRED here. Not when the
   * reader already holds the key's lock: it reads inside its own write (a nested read in a
   * compute), and removing the node would pull it from under that write. A reader that holds
   * another segment's lock, or runs a maintenance round (a listener, an action), only tries the
   * lock: two such readers waiting for each other's segments would wait for ever, and maintenance
   * never waits for a writer. What it leaves is removed by the next write of the key or the next
   * sweep, which find it expired too.
   */
  void removeExpired(Node<K, V> n) {
    Segment<K, V> s = index.segmentFor(n.hash);
    if (s.isHeldByCurrentThread()) {
      return;
    }
    if (maintenance.isHeldByCurrentThread() || index.holdsASegmentLock()) {
      if (!s.tryLockUnheld()) {
        return;
      }
    } else {
      s.lock();
    }
    Throwable failure = null;
    try {
      V value = n.valueAcquire();
      if (value != null && !s.isClosedLocked() && isExpired(n)) {
        s.removeLocked(n);
        maintenance.counters.countExpiration();
        failure = listeners.fire(ChangeType.EXPIRED, n.key, value, null);
      }
    } finally {
      s.unlock();
      maintenance.afterWrite(n);
    }
    ListenerCalls.throwIfFailed(failure);
  }

  /**
   * Replaces the value of {@code n} with {@code reloaded}, the result of a refresh that started
   * when {@code n} held {@code seen} and had the refresh word {@code word}, unless the entry
   * changed since: written (even with the same value object: the word's write stamp moved),
   * removed, or expired. An update like any other (weight, update expiry, REPLACED event), fired
   * quietly: nobody waits for a refresh to catch a listener's failure.
   */
  void replaceReloaded(Node<K, V> n, V seen, long word, V reloaded) {
    Segment<K, V> s = index.segmentFor(n.hash);
    Node<K, V> changed = null;
    s.lock();
    try {
      if (n.valueAcquire() == seen
          && RefreshWord.sameWrite(word, n.refreshWordOpaque()) // writers mark it under this lock
          && !s.isClosedLocked()
          && !isExpired(n)) {
        changed = update(n, reloaded, ComputeEntry.POLICY) ? n : null;
        listeners.notifyQuietly(ChangeType.REPLACED, n.key, seen, reloaded);
      }
    } finally {
      s.unlock();
      maintenance.afterWrite(changed);
    }
  }

  /** What a write asks for. */
  enum Op {
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
  Object write(Op op, K key, V value, Object expected, EntryAction<K, V, ?> action) {
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
        maintenance.counters.countExpiration();
        failure = listeners.fire(ChangeType.EXPIRED, n.key, current, null);
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
          ComputeEntry<K, V> entry = new ComputeEntry<>(key, current, expiring);
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
          failure =
              ListenerCalls.first(failure, changed == null ? null : listeners.fireCreated(changed));
        }
        case UPDATE -> {
          changed = update(n, newValue, lifetime) ? n : null;
          failure =
              ListenerCalls.first(
                  failure, listeners.fire(ChangeType.REPLACED, n.key, current, newValue));
        }
        case REMOVE -> {
          changed = n;
          s.removeLocked(n);
          failure =
              ListenerCalls.first(
                  failure, listeners.fire(ChangeType.EXPLICIT, n.key, current, null));
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
      maintenance.afterWrite(expired);
      maintenance.afterWrite(changed);
    }
    ListenerCalls.throwIfFailed(failure);
    return result;
  }

  /** Whether the live node {@code n} is past its deadline by the published tick. */
  boolean isExpired(Node<K, V> n) {
    return expiring && n.expiredAt(clock.tickAcquire());
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
    if (refreshing) {
      return new RefreshNode<>(hash, key, value, deadline, weight, clock.tickAcquire());
    }
    if (weigher != null) {
      return new WeightedNode<>(hash, key, value, deadline, weight);
    }
    if (expiring) {
      return bounded
          ? new ExpiringPolicyNode<>(hash, key, value, deadline)
          : new ExpiringNode<>(hash, key, value, deadline);
    }
    return bounded ? new PolicyNode<>(hash, key, value) : new Node<>(hash, key, value);
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
    if (refreshing) {
      RefreshWord.markWritten(n, clock.tickAcquire()); // before the value: never due once read
    }
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

  private static boolean equal(Object a, Object b) {
    return a == b || a.equals(b);
  }
}
