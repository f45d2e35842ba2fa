package io.dualcache.redis;

import io.dualcache.engine.DualCache;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A cache whose data of record is in Redis, read through a near cache (an engine {@link DualCache})
 * in this JVM. Opened by {@link RedisSharing#cache}.
 *
 * <p><b>Reads.</b> A near hit is the engine's wait-free get: no network. A near miss reads Redis
 * ({@code GET}) and installs the value in the near cache, unless its fill ticket went stale while
 * the GET was in flight: the ticket is the sharing's tracking epoch, the cache's clear epoch and
 * the generation of the key's stripe (a hash of its encoded bytes picks one of 4096 counters),
 * taken before the GET and compared, under the engine's lock of the key, at install. An
 * invalidation bumps the key's stripe first and drops the near copy afterwards, so it either stops
 * the install or removes what was installed. A Redis miss is not cached.
 *
 * <p><b>Writes</b> reach Redis before the call returns and then update the near copy, all inside
 * the engine's {@code compute} of the key, so two writes of one key in one JVM reach the near cache
 * in the order they reached Redis. The conditional ones ({@link #putIfAbsent}, {@link
 * #replace(Object, Object)}, {@link #replace(Object, Object, Object)}, {@link #remove(Object,
 * Object)}, {@link #update}) are one Lua script each, compare-and-set against what Redis holds
 * (values compared as encoded bytes), so they are atomic across JVMs. A write that fails (timeout,
 * Redis down) throws {@link SharedCacheException} and leaves no near copy of the key.
 *
 * <p>All calls are thread-safe. Null keys and values throw {@code NullPointerException}.
 */
public final class SharedCache<K, V> implements AutoCloseable {
  private static final int STRIPES = 4096;

  /** Compare-and-set of one key; see {@link #cas}. Returns {applied, previous value or nil}. */
  private static final String CAS =
      "local cur = redis.call('GET', KEYS[1])\n"
          + "local mode = ARGV[1]\n"
          + "if mode == 'absent' then if cur then return {0, cur} end\n"
          + "elseif mode == 'present' then if not cur then return {0, false} end\n"
          + "elseif mode == 'equals' then if cur ~= ARGV[2] then return {0, cur} end end\n"
          + "if ARGV[3] == 'del' then redis.call('DEL', KEYS[1])\n"
          + "elseif ARGV[5] == '0' then redis.call('SET', KEYS[1], ARGV[4])\n"
          + "else redis.call('SET', KEYS[1], ARGV[4], 'PX', ARGV[5]) end\n"
          + "return {1, cur}";

  /** GET and PTTL in one round trip, for caches with a lifetime. */
  private static final String GET_WITH_TTL =
      "local v = redis.call('GET', KEYS[1])\n"
          + "if not v then return {false, 0} end\n"
          + "return {v, redis.call('PTTL', KEYS[1])}";

  private static final byte[] EMPTY = new byte[0];

  private final RedisSharing sharing;
  private final String name;
  private final byte[] prefix;
  private final DualCache<K, V> near;
  private final long ttlMillis;
  private final AtomicLongArray stripes = new AtomicLongArray(STRIPES);
  private final AtomicLong clears = new AtomicLong();
  private final LongAdder nearHits = new LongAdder();
  private final LongAdder redisHits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder invalidations = new LongAdder();

  /** Test hook: runs between a fill's GET reply and its install. */
  volatile FillHook fillHook;

  /** See {@link #fillHook}. */
  interface FillHook {
    void beforeInstall(Object key);
  }

  SharedCache(RedisSharing sharing, String name, DualCache<K, V> near, Duration timeToLive) {
    this.sharing = sharing;
    this.name = name;
    this.prefix = (sharing.keyPrefix() + ":" + name + ":").getBytes(StandardCharsets.UTF_8);
    this.near = near;
    this.ttlMillis = timeToLive == null ? 0 : Math.max(1, timeToLive.toMillis());
  }

  /** The cache's name. */
  public String name() {
    return name;
  }

  /** The Redis key prefix of this cache: {@code <key-prefix>:<name>:}. */
  public String keyPrefix() {
    return new String(prefix, StandardCharsets.UTF_8);
  }

  /** The near cache (for its size and statistics; writing to it directly bypasses Redis). */
  public DualCache<K, V> near() {
    return near;
  }

  /** Reads served by the near cache. */
  public long nearHits() {
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

  /** The value of {@code key}, from the near cache if it holds it, else from Redis; or null. */
  public V get(K key) {
    Objects.requireNonNull(key, "key");
    long epoch = sharing.epoch();
    if ((epoch & 1) == 0) {
      V value = near.get(key);
      if (value != null) {
        nearHits.increment();
        return value;
      }
    }
    byte[] k = redisKey(key);
    int stripe = stripe(k);
    long generation = stripes.get(stripe);
    long clear = clears.get();
    byte[] bytes;
    long pttl = -1;
    try {
      if (ttlMillis == 0) {
        bytes = sharing.commands().get(k);
      } else {
        List<Object> reply = sharing.commands().eval(GET_WITH_TTL, ScriptOutputType.MULTI, k);
        bytes = (byte[]) reply.get(0);
        pttl = reply.get(1) instanceof Long ? (Long) reply.get(1) : -1;
      }
    } catch (RuntimeException e) {
      throw sharing.failure("GET", name, e);
    }
    if (bytes == null) {
      misses.increment();
      return null;
    }
    redisHits.increment();
    V value = decodeValue(bytes);
    FillHook hook = fillHook;
    if (hook != null) {
      hook.beforeInstall(key);
    }
    if ((epoch & 1) == 0 && (ttlMillis == 0 || pttl > 0)) {
      long lifetime = ttlMillis == 0 ? -1 : pttl * 1_000_000L;
      near.compute(
          key,
          e -> {
            if (sharing.epoch() == epoch
                && clears.get() == clear
                && stripes.get(stripe) == generation) {
              setNear(e, value, lifetime);
            }
            return null;
          });
    }
    return value;
  }

  /** How many invalidations of this cache's keys arrived (for tests). */
  long invalidations() {
    return invalidations.sum();
  }

  /** The near copy of {@code key}, without reading Redis or recording a hit (for tests). */
  public V peekNear(K key) {
    return near.peek(key);
  }

  /** Stores {@code value} in Redis (with the cache's lifetime), then in the near cache. */
  public void put(K key, V value) {
    Objects.requireNonNull(value, "value");
    byte[] v = codec(value);
    write(
        "SET",
        key,
        k -> {
          if (ttlMillis == 0) {
            sharing.commands().set(k, v);
          } else {
            sharing.commands().set(k, v, SetArgs.Builder.px(ttlMillis));
          }
          return Boolean.TRUE;
        },
        done -> value);
  }

  /** Removes {@code key} from Redis, then from the near cache; whether Redis held it. */
  public boolean remove(K key) {
    return write("DEL", key, k -> sharing.commands().del(k) > 0, done -> null);
  }

  /**
   * Stores {@code value} if Redis holds no value for {@code key}, atomically across JVMs; returns
   * the value Redis held (nothing was stored) or null (stored).
   */
  public V putIfAbsent(K key, V value) {
    Objects.requireNonNull(value, "value");
    Outcome o = cas("putIfAbsent", key, "absent", EMPTY, value);
    return o.applied ? null : decodeOrNull(o.previous);
  }

  /** Replaces the value if Redis holds one, atomically; returns the old value or null. */
  public V replace(K key, V value) {
    Objects.requireNonNull(value, "value");
    Outcome o = cas("replace", key, "present", EMPTY, value);
    return o.applied ? decodeOrNull(o.previous) : null;
  }

  /** Replaces {@code expected} (compared as encoded bytes) by {@code value}, atomically. */
  public boolean replace(K key, V expected, V value) {
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(value, "value");
    return cas("replace", key, "equals", codec(expected), value).applied;
  }

  /** Removes {@code key} if Redis holds {@code expected} (as encoded bytes), atomically. */
  public boolean remove(K key, V expected) {
    Objects.requireNonNull(expected, "expected");
    return cas("remove", key, "equals", codec(expected), null).applied;
  }

  /**
   * Sets the value of {@code key} to {@code function(current)} atomically across JVMs ({@code
   * current} is null if absent; a null result removes the key), and returns the new value. It reads
   * the value and compare-and-sets it in a Lua script, again until no other write came in between:
   * {@code function} may be called more than once and must have no side effects.
   */
  public V update(K key, UnaryOperator<V> function) {
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(key, "key");
    byte[] k = redisKey(key);
    for (int attempt = 0; ; attempt++) {
      byte[] current;
      try {
        current = sharing.commands().get(k);
      } catch (RuntimeException e) {
        near.remove(key);
        throw sharing.failure("GET", name, e);
      }
      V next = function.apply(current == null ? null : decodeValue(current));
      Outcome o =
          current == null
              ? cas("update", key, "absent", EMPTY, next)
              : cas("update", key, "equals", current, next);
      if (o.applied) {
        return next;
      }
      if (attempt > 100_000) {
        throw new SharedCacheException(
            "shared cache '" + name + "': update of a key kept losing to other writers", null);
      }
    }
  }

  /**
   * Removes the cache's keys from Redis (SCAN MATCH + UNLINK in batches, so Redis is never blocked
   * for long; not atomic: a key written while it runs may survive) and empties the near cache.
   */
  public void clear() {
    sharing.checkOpen();
    clears.incrementAndGet();
    try {
      ScanArgs args = ScanArgs.Builder.matches(globPattern()).limit(1000);
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
      clears.incrementAndGet();
      near.clear();
    }
  }

  /** Closes the near cache; the Redis keys stay. */
  @Override
  public void close() {
    sharing.forget(this);
    closeNear();
  }

  @Override
  public String toString() {
    return "SharedCache[" + name + " on " + sharing.address() + "]";
  }

  // ---- the write protocol ----

  private interface RedisWrite<R> {
    R run(byte[] redisKey);
  }

  /** The result of the CAS script. */
  private static final class Outcome {
    final boolean applied;
    final byte[] previous;

    Outcome(boolean applied, byte[] previous) {
      this.applied = applied;
      this.previous = previous;
    }
  }

  /**
   * Runs {@code command} inside the near cache's compute of {@code key}: bumps the key's stripe,
   * sends the command, and installs {@code value} (null: removes the near copy) only if no
   * invalidation, flush, clear or loss of tracking came in meanwhile; the stripe is bumped again
   * after, so that a fill whose GET may have been answered before this write installs nothing.
   */
  private <R> R write(String what, K key, RedisWrite<R> command, Function<R, V> installed) {
    Objects.requireNonNull(key, "key");
    sharing.checkOpen();
    byte[] k = redisKey(key);
    int stripe = stripe(k);
    Object[] result = new Object[1];
    RuntimeException[] failure = new RuntimeException[1];
    long started = System.nanoTime();
    near.compute(
        key,
        e -> {
          long epoch = sharing.epoch();
          long clear = clears.get();
          long generation = stripes.incrementAndGet(stripe);
          try {
            result[0] = command.run(k);
          } catch (RuntimeException error) {
            failure[0] = error;
          }
          boolean quiet =
              failure[0] == null
                  && (epoch & 1) == 0
                  && sharing.epoch() == epoch
                  && clears.get() == clear
                  && stripes.compareAndSet(stripe, generation, generation + 1);
          stripes.incrementAndGet(stripe);
          @SuppressWarnings("unchecked")
          V install = quiet ? installed.apply((R) result[0]) : null;
          if (install != null) {
            long lifetime =
                ttlMillis == 0 ? -1 : ttlMillis * 1_000_000L - (System.nanoTime() - started);
            if (ttlMillis == 0 || lifetime > 0) {
              setNear(e, install, lifetime);
            } else {
              e.remove();
            }
          } else {
            e.remove();
          }
          return null;
        });
    if (failure[0] != null) {
      throw sharing.failure(what, name, failure[0]);
    }
    @SuppressWarnings("unchecked")
    R r = (R) result[0];
    return r;
  }

  /**
   * The CAS script: {@code mode} absent (Redis must hold nothing), present (must hold something) or
   * equals (must hold {@code expected}); if so, sets {@code value} (null: deletes).
   */
  private Outcome cas(String what, K key, String mode, byte[] expected, V value) {
    Objects.requireNonNull(key, "key");
    byte[] v = value == null ? EMPTY : codec(value);
    byte[] op = (value == null ? "del" : "set").getBytes(StandardCharsets.US_ASCII);
    byte[] px = Long.toString(ttlMillis).getBytes(StandardCharsets.US_ASCII);
    byte[] m = mode.getBytes(StandardCharsets.US_ASCII);
    // An applied set installs the new value; otherwise the near copy is dropped and the next read
    // fetches what Redis holds.
    return write(
        what,
        key,
        k -> {
          List<Object> reply =
              sharing
                  .commands()
                  .eval(CAS, ScriptOutputType.MULTI, new byte[][] {k}, m, expected, op, v, px);
          boolean ok = reply.get(0) instanceof Long && (Long) reply.get(0) == 1L;
          return new Outcome(ok, reply.size() > 1 ? (byte[]) reply.get(1) : null);
        },
        outcome -> outcome.applied ? value : null);
  }

  // ---- invalidation, called by RedisSharing ----

  /**
   * Keys written elsewhere (on Lettuce's event loop): bump their stripes now, drop copies later.
   */
  void invalidated(List<byte[]> redisKeys) {
    List<byte[]> mine = new ArrayList<>();
    for (byte[] k : redisKeys) {
      if (startsWithPrefix(k)) {
        stripes.incrementAndGet(stripe(k));
        invalidations.increment();
        mine.add(k);
      }
    }
    if (!mine.isEmpty()) {
      sharing.later(() -> dropNear(mine));
    }
  }

  private void dropNear(List<byte[]> redisKeys) {
    if (near.isClosed()) {
      return;
    }
    for (byte[] k : redisKeys) {
      Object key;
      try {
        key = sharing.codec().decode(Arrays.copyOfRange(k, prefix.length, k.length));
      } catch (RuntimeException e) {
        emptyNow();
        return;
      }
      near.remove(key);
    }
  }

  /** A flush or a loss of tracking (on the event loop): empty the near cache soon. */
  void flushed() {
    clears.incrementAndGet();
    sharing.later(this::emptyNow);
  }

  /** Empties the near cache now (in the sharing's worker). */
  void emptyNow() {
    clears.incrementAndGet();
    if (!near.isClosed()) {
      near.clear();
    }
  }

  void closeNear() {
    near.close();
  }

  // ---- helpers ----

  private void setNear(io.dualcache.engine.EditableEntry<K, V> e, V value, long lifetimeNanos) {
    if (lifetimeNanos < 0) {
      e.setValue(value);
    } else {
      e.setValue(value, lifetimeNanos);
    }
  }

  private boolean startsWithPrefix(byte[] k) {
    if (k.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (k[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static int stripe(byte[] redisKey) {
    int h = Arrays.hashCode(redisKey);
    h ^= h >>> 16;
    return h & (STRIPES - 1);
  }

  private byte[] redisKey(K key) {
    Objects.requireNonNull(key, "key");
    byte[] k;
    try {
      k = sharing.codec().encode(key);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "shared cache '" + name + "': cannot encode the key: " + e.getMessage(), e);
    }
    byte[] full = Arrays.copyOf(prefix, prefix.length + k.length);
    System.arraycopy(k, 0, full, prefix.length, k.length);
    return full;
  }

  private byte[] codec(V value) {
    try {
      return sharing.codec().encode(value);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "shared cache '" + name + "': cannot encode the value: " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private V decodeValue(byte[] bytes) {
    try {
      return (V) sharing.codec().decode(bytes);
    } catch (RuntimeException e) {
      throw sharing.failure("decoding a value", name, e);
    }
  }

  private V decodeOrNull(byte[] bytes) {
    return bytes == null ? null : decodeValue(bytes);
  }

  private byte[] globPattern() {
    StringBuilder b = new StringBuilder();
    for (char c : keyPrefix().toCharArray()) {
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.append('*').toString().getBytes(StandardCharsets.UTF_8);
  }
}
