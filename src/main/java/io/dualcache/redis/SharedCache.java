package io.dualcache.redis;

import io.dualcache.engine.ChangeType;
import io.dualcache.engine.DualCache;
import io.dualcache.engine.DualCacheBuilder;
import io.dualcache.engine.EntryAction;
import io.dualcache.engine.EntryListener;
import io.dualcache.engine.Expiry;
import io.dualcache.engine.KeyValueStore;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;

/**
 * A cache whose data of record is in Redis, read through a near cache (an engine {@link DualCache})
 * in this JVM. Opened by {@link RedisSharing#cache}.
 *
 * <p><b>Reads.</b> A near hit is the engine's wait-free get: no network. A near miss reads Redis
 * (the value and its remaining lifetime) and installs the value in the near cache, unless its fill
 * ticket went stale while the read was in flight: the ticket is the sharing's tracking epoch, the
 * cache's clear epoch and the generation of the key's stripe (a hash of its encoded bytes picks one
 * of 4096 counters), taken before the read and compared, under the engine's lock of the key, at
 * install. An invalidation bumps the key's stripe first and drops the near copy afterwards, so it
 * either stops the install or removes what was installed. A Redis miss is not cached.
 *
 * <p><b>Writes.</b> Every write is a {@link #compute}: inside the engine's compute of the key it
 * reads what Redis holds, runs the action on that, and writes the action's change with a Lua
 * compare-and-set that applies only if the key still holds what was read; if another writer came in
 * between, it reads again and runs the action again (so an action may run more than once and should
 * have no effect but on its entry). Two writes of one key in one JVM are therefore ordered by the
 * engine's lock, and two in different JVMs by Redis. The near copy is updated after Redis applied
 * the change, under the same fill-ticket check. A write that fails (timeout, Redis down) throws
 * {@link SharedCacheException} and leaves no near copy of the key.
 *
 * <p><b>Events.</b> The listener hears the creations, replacements and removals this JVM makes, as
 * Redis saw them (a put of a key another JVM created is a replacement); expirations the near cache
 * finds; evictions from the near cache (Redis keeps the data). Invalidations and fills fire
 * nothing.
 *
 * <p>All calls are thread-safe. Null keys and values throw {@code NullPointerException}.
 */
public final class SharedCache<K, V> implements KeyValueStore<K, V> {
  private final RedisSharing sharing;
  private final String name;
  private final RedisKeys keys;
  private final DualCache<K, V> near;
  private final Expiry<K, V> expiry;
  private final EntryListener<K, V> listener;
  private final FillTickets tickets;

  /** Counts near hits when the sharing asks for it; null otherwise (see {@link #nearHits}). */
  private final LongAdder nearHits;

  private final LongAdder redisHits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder retries = new LongAdder();

  private final NearInvalidation invalidation;
  private final SharedWrites<K, V> writes;

  /** Test hook: runs between a fill's read reply and its install. */
  volatile FillHook fillHook;

  /** See {@link #fillHook}. */
  interface FillHook {
    void beforeInstall(Object key);
  }

  /**
   * @param expiry the lifetimes of entries, or null for eternal ones
   * @param listener hears this JVM's changes (see the class comment), or null
   */
  SharedCache(
      RedisSharing sharing,
      String name,
      DualCacheBuilder<K, V> nearBuilder,
      Expiry<K, V> expiry,
      EntryListener<K, V> listener) {
    this.sharing = sharing;
    this.name = name;
    this.keys = new RedisKeys(sharing, name);
    this.expiry = expiry;
    this.listener = listener;
    this.tickets = new FillTickets(sharing);
    this.nearHits = sharing.countsNearHits() ? new LongAdder() : null;
    if (expiry != null) {
      nearBuilder.expiry(new AccessTouchingExpiry<>(expiry, this));
    }
    if (listener != null) {
      nearBuilder.listener(this::onNearEvent);
    }
    this.near = nearBuilder.build();
    this.invalidation = new NearInvalidation(sharing, keys, tickets, near);
    this.writes = new SharedWrites<>(sharing, name, keys, tickets, near, expiry, listener, retries);
  }

  /**
   * The near cache's own events: expirations and evictions reach the listener; its creations,
   * replacements and removals are fills, installs and invalidations, which fire nothing (the
   * compute reports the changes, as Redis saw them).
   */
  private void onNearEvent(ChangeType type, K key, V oldValue, V newValue) {
    if (type == ChangeType.EXPIRED || type == ChangeType.EVICTED) {
      listener.onEvent(type, key, oldValue, newValue);
    }
  }

  /** The cache's name. */
  public String name() {
    return name;
  }

  /** The Redis key prefix of this cache: {@code <key-prefix>:<name>:}. */
  public String keyPrefix() {
    return keys.prefix();
  }

  /** The near cache (for its size and statistics; writing to it directly bypasses Redis). */
  public DualCache<K, V> near() {
    return near;
  }

  /**
   * Reads served by the near cache, if the sharing counts them ({@link
   * RedisSharing.Builder#countNearHits}); otherwise throws {@link IllegalStateException}. (Through
   * JCache, the statistics' hits less {@link #redisHits()} are the near hits.)
   */
  public long nearHits() {
    if (nearHits == null) {
      throw new IllegalStateException(
          "near hits of shared cache '"
              + name
              + "' are not counted: RedisSharing.Builder.countNearHits(true) counts them");
    }
    return nearHits.sum();
  }

  /** Reads that missed the near cache and found the key in Redis. */
  public long redisHits() {
    return redisHits.sum();
  }

  /** Reads that found the key nowhere. */
  public long misses() {
    return misses.sum();
  }

  /** Compare-and-sets that lost to another writer and were retried. */
  public long retries() {
    return retries.sum();
  }

  // ================================================================ reads

  /** The value of {@code key}, from the near cache if it holds it, else from Redis; or null. */
  @Override
  public V get(Object key) {
    // Kept small so that the JIT inlines the near hit into the caller; the miss is a call.
    Objects.requireNonNull(key, "key");
    if (invalidation.servable(key)) {
      V value = near.get(key); // throws on a closed cache's miss
      if (value != null) {
        if (nearHits != null) {
          nearHits.increment();
        }
        return value;
      }
    } else {
      checkOpen();
    }
    return getFromRedis(key);
  }

  /** A near miss: reads Redis and installs what it read, unless its fill ticket went stale. */
  private V getFromRedis(Object key) {
    byte[] k = keys.of(key);
    FillTickets.Ticket ticket = tickets.beforeRead(k);
    long sent = System.nanoTime();
    RedisScripts.Held held = read(k, "GET");
    if (held.bytes() == null) {
      misses.increment();
      return null;
    }
    redisHits.increment();
    V value = decodeValue(held.bytes());
    FillHook hook = fillHook;
    if (hook != null) {
      hook.beforeInstall(key);
    }
    long lifetime = lifetimeAfterHit(key, value, held, sent);
    long decided = System.nanoTime();
    if (ticket.trusted() && lifetime != 0) {
      @SuppressWarnings("unchecked") // a key that Redis holds for this cache
      K typedKey = (K) key;
      near.compute(
          typedKey,
          e -> {
            // Counted again once the key's lock is ours: a local writer may have held it a while,
            // and the copy must not outlive the Redis key's TTL by that wait.
            long left = SharedWrites.remaining(lifetime, decided);
            if (left != 0 && tickets.fillMayInstall(ticket)) {
              writes.setNear(e, value, left);
            }
            return null;
          });
    }
    return value;
  }

  /**
   * The near copy's lifetime after a Redis hit: what Redis has left, unless the access expiry moves
   * it (a Redis hit is a hit), which then moves the Redis TTL too.
   */
  private long lifetimeAfterHit(Object key, V value, RedisScripts.Held held, long sent) {
    if (expiry == null) {
      return Expiry.ETERNAL; // the near cache keeps no deadlines; an expiry in Redis invalidates
    }
    if (expiry.movesOnRead()) {
      @SuppressWarnings("unchecked")
      long moved = expiry.afterRead((K) key, value);
      if (moved != Expiry.KEEP) {
        touchLater(key, moved, held.bytes());
        return moved;
      }
    }
    return SharedWrites.remaining(held.lifetimeNanos(), sent);
  }

  /** Whether Redis (or a trusted near copy) holds {@code key}; no hit is recorded. */
  @Override
  public boolean containsKey(Object key) {
    Objects.requireNonNull(key, "key");
    checkOpen();
    if (invalidation.servable(key) && near.containsKey(key)) {
      return true;
    }
    try {
      return sharing.commands().exists(keys.of(key)) > 0;
    } catch (RuntimeException e) {
      throw sharing.failure("EXISTS", name, e);
    }
  }

  /** The near copy of {@code key}, without reading Redis or recording a hit (for tests). */
  public V peekNear(K key) {
    return near.peek(key);
  }

  /** The sharing this cache belongs to (for tests). */
  RedisSharing sharing() {
    return sharing;
  }

  /** How many invalidations of this cache's keys arrived (for tests). */
  long invalidations() {
    return invalidation.count();
  }

  // ================================================================ writes

  /**
   * Runs {@code action} on the entry of {@code key} as Redis holds it, atomically across JVMs: see
   * the class comment. The action may run more than once; if it throws, nothing is written and the
   * exception propagates.
   */
  @Override
  public <R> R compute(K key, EntryAction<K, V, R> action) {
    Objects.requireNonNull(action, "action");
    byte[] k = keys.of(key);
    checkOpen();
    return writes.compute(key, k, action);
  }

  /**
   * Stores {@code value} in Redis (with the expiry's lifetime), then in the near cache; returns the
   * value Redis held. Without an expiry this is one {@code SET ... GET}, not a compare-and-set:
   * Redis before 7.2 sends a client its own invalidations for keys a script wrote (NOLOOP does not
   * cover scripts there), so a plain command is also what keeps this JVM's near copy after its put.
   */
  @Override
  public V put(K key, V value) {
    Objects.requireNonNull(value, "value");
    if (expiry != null) {
      return compute(
          key,
          e -> {
            V previous = e.value();
            e.setValue(value);
            return previous;
          });
    }
    byte[] k = keys.of(key);
    byte[] v = keys.encode(value);
    checkOpen();
    return writes.put(key, k, value, v);
  }

  /** Removes {@code key} from Redis, then from the near cache; whether Redis held it. */
  public boolean remove(K key) {
    return compute(
        key,
        e -> {
          boolean held = e.exists();
          e.remove();
          return held;
        });
  }

  /**
   * Stores {@code value} if Redis holds no value for {@code key}, atomically across JVMs; returns
   * the value Redis held (nothing was stored) or null (stored).
   */
  public V putIfAbsent(K key, V value) {
    Objects.requireNonNull(value, "value");
    return compute(
        key,
        e -> {
          if (e.exists()) {
            return e.value();
          }
          e.setValue(value);
          return null;
        });
  }

  /** Replaces the value if Redis holds one, atomically; returns the old value or null. */
  public V replace(K key, V value) {
    Objects.requireNonNull(value, "value");
    return compute(
        key,
        e -> {
          V previous = e.value();
          if (previous != null) {
            e.setValue(value);
          }
          return previous;
        });
  }

  /** Replaces {@code expected} (compared with equals) by {@code value}, atomically. */
  public boolean replace(K key, V expected, V value) {
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(value, "value");
    return compute(
        key,
        e -> {
          if (!expected.equals(e.value())) {
            return false;
          }
          e.setValue(value);
          return true;
        });
  }

  /** Removes {@code key} if Redis holds {@code expected} (compared with equals), atomically. */
  public boolean remove(K key, V expected) {
    Objects.requireNonNull(expected, "expected");
    return compute(
        key,
        e -> {
          if (!expected.equals(e.value())) {
            return false;
          }
          e.remove();
          return true;
        });
  }

  /**
   * Sets the value of {@code key} to {@code function(current)} atomically across JVMs ({@code
   * current} is null if absent; a null result removes the key), and returns the new value. As in
   * every compute, {@code function} may be called more than once and must have no side effects.
   */
  public V update(K key, UnaryOperator<V> function) {
    Objects.requireNonNull(function, "function");
    return compute(
        key,
        e -> {
          V next = function.apply(e.value());
          if (next == null) {
            e.remove();
          } else {
            e.setValue(next);
          }
          return next;
        });
  }

  /** The bytes Redis holds for {@code value} (the codec is deterministic). */
  byte[] encodedValue(Object value) {
    return keys.encode(value);
  }

  /**
   * Moves the Redis TTL of {@code key} after an access that read {@code readBytes}, without waiting
   * for the reply. An access that ends the entry's life deletes it only if Redis still holds what
   * was read (another node's later write stays); a TTL move is not compared (see the README's
   * guarantee): a compare would be a script, whose writes drop this node's own near copies before
   * Redis 7.2.
   */
  void touchLater(Object key, long lifetimeNanos, byte[] readBytes) {
    byte[] k = keys.of(key);
    try {
      // Not waited for: the reader's hit is served already; a lost touch leaves the older TTL.
      Object unused;
      if (lifetimeNanos == Expiry.ETERNAL) {
        unused = sharing.asyncCommands().persist(k);
      } else if (lifetimeNanos == 0) {
        RedisScripts.deleteIfHoldingLater(sharing.asyncCommands(), k, readBytes);
      } else {
        unused = sharing.asyncCommands().pexpire(k, RedisScripts.millisRoundedUp(lifetimeNanos));
      }
    } catch (RuntimeException e) {
      // Disconnected: the TTL stays as it was; the near copy expires as the access said.
    }
  }

  // ================================================================ the whole cache

  /**
   * Removes the cache's keys from Redis (SCAN MATCH + UNLINK in batches, so Redis is never blocked
   * for long; not atomic: a key written while it runs may survive) and empties the near cache.
   */
  @Override
  public void clear() {
    checkOpen();
    tickets.clearing();
    try {
      ScanArgs args = ScanArgs.Builder.matches(keys.pattern()).limit(1000);
      ScanCursor cursor = ScanCursor.INITIAL;
      do {
        KeyScanCursor<byte[]> page = sharing.commands().scan(cursor, args);
        List<byte[]> keys = page.getKeys();
        if (!keys.isEmpty()) {
          sharing.commands().unlink(keys.toArray(new byte[0][]));
        }
        cursor = page;
      } while (!cursor.isFinished());
    } catch (RuntimeException e) {
      throw sharing.failure("clear (SCAN/UNLINK)", name, e);
    } finally {
      tickets.clearing();
      near.clear();
    }
  }

  /**
   * The entries Redis holds for this cache, read in pages (SCAN MATCH, then MGET): weakly
   * consistent, as SCAN is (an entry present throughout is returned once at least).
   */
  @Override
  public Iterator<Map.Entry<K, V>> iterator() {
    checkOpen();
    return new SharedIterator<>(this, sharing, keys.pattern());
  }

  /** Closes the near cache; the Redis keys stay. */
  @Override
  public void close() {
    sharing.forget(this);
    closeNear();
  }

  @Override
  public boolean isClosed() {
    return near.isClosed();
  }

  @Override
  public String toString() {
    return "SharedCache[" + name + " on " + sharing.address() + "]";
  }

  // ================================================================ invalidation, from
  // RedisSharing

  void invalidated(List<byte[]> redisKeys) {
    invalidation.invalidated(redisKeys);
  }

  void flushed() {
    invalidation.flushed();
  }

  void emptyNow() {
    invalidation.emptyNow();
  }

  void closeNear() {
    near.close();
  }

  // ================================================================ helpers

  private void checkOpen() {
    sharing.checkOpen();
    if (near.isClosed()) {
      throw new IllegalStateException("shared cache '" + name + "' is closed");
    }
  }

  private RedisScripts.Held read(byte[] k, String what) {
    try {
      if (expiry == null) {
        byte[] bytes = sharing.commands().get(k);
        return new RedisScripts.Held(bytes, bytes == null ? -2 : -1);
      }
      return RedisScripts.read(sharing.commands(), k);
    } catch (RuntimeException e) {
      throw sharing.failure(what, name, e);
    }
  }

  /** The key whose Redis key is {@code redisKey} (one of this cache's). */
  Object decodeKey(byte[] redisKey) {
    return keys.keyOf(redisKey);
  }

  @SuppressWarnings("unchecked") // values of this cache
  V decodeValue(byte[] bytes) {
    return (V) keys.decode(bytes);
  }
}
