package io.dualcache.redis;

import io.dualcache.engine.Expiry;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The commands of a shared cache's compute, and how their arguments are encoded. A script runs
 * atomically in Redis, which is what makes a compute a compare-and-set across JVMs: {@link #read}
 * takes a key's value and remaining lifetime in one round trip, {@link #compareAndSet} writes only
 * if the key still holds what was read; {@link #setIfAbsent} is that for a key read absent.
 */
final class RedisScripts {

  /** GET and PTTL in one round trip: {value or nil, pttl (-1 no TTL, -2 absent)}. */
  private static final String READ =
      """
      local v = redis.call('GET', KEYS[1])
      if not v then return {false, -2} end
      return {v, redis.call('PTTL', KEYS[1])}""";

  /**
   * ARGV: expected ('0' absent, '1' present), expected bytes, op ('set', 'del', 'ttl'), value,
   * lifetime ('none': eternal, 'keep': keep the TTL, else milliseconds). Returns 1 if applied.
   */
  private static final String COMPARE_AND_SET =
      """
      local cur = redis.call('GET', KEYS[1])
      if ARGV[1] == '0' then if cur then return 0 end
      elseif cur ~= ARGV[2] then return 0 end
      local op, ttl = ARGV[3], ARGV[5]
      if op == 'del' then redis.call('DEL', KEYS[1])
      elseif op == 'set' then
        if ttl == 'none' then redis.call('SET', KEYS[1], ARGV[4])
        elseif ttl == 'keep' then redis.call('SET', KEYS[1], ARGV[4], 'KEEPTTL')
        else redis.call('SET', KEYS[1], ARGV[4], 'PX', ttl) end
      elseif ttl == 'none' then redis.call('PERSIST', KEYS[1])
      elseif ttl ~= 'keep' then redis.call('PEXPIRE', KEYS[1], ttl) end
      return 1""";

  private static final byte[] EMPTY = new byte[0];
  private static final byte[] ABSENT = ascii("0");
  private static final byte[] PRESENT = ascii("1");
  private static final byte[] SET = ascii("set");
  private static final byte[] DEL = ascii("del");
  private static final byte[] TTL = ascii("ttl");
  private static final byte[] NONE = ascii("none");
  private static final byte[] KEEP = ascii("keep");

  private RedisScripts() {}

  /** What Redis holds for a key: its bytes (null if absent) and remaining lifetime. */
  static final class Held {
    private final byte[] bytes;
    private final long pttlMillis;

    Held(byte[] bytes, long pttlMillis) {
      this.bytes = bytes;
      this.pttlMillis = pttlMillis;
    }

    /** The value's bytes as Redis holds them (not copied: do not change), or null if absent. */
    byte[] bytes() {
      return bytes;
    }

    /** The remaining lifetime in nanoseconds, {@link Expiry#ETERNAL} without a TTL. */
    long lifetimeNanos() {
      return pttlMillis < 0 ? Expiry.ETERNAL : Math.multiplyExact(pttlMillis, 1_000_000L);
    }
  }

  /** GET and PTTL of {@code key}, atomically. */
  static Held read(RedisCommands<byte[], byte[]> redis, byte[] key) {
    List<Object> reply = redis.eval(READ, ScriptOutputType.MULTI, key);
    byte[] bytes = (byte[]) reply.get(0);
    long pttl = reply.get(1) instanceof Long ? (Long) reply.get(1) : -1;
    return new Held(bytes, bytes == null ? -2 : pttl);
  }

  /**
   * Applies {@code change} to {@code key} if it still holds {@code expected} (null: if absent).
   *
   * @param value the encoded new value, for a set
   * @param lifetimeNanos the lifetime, for a set or a TTL change
   * @return whether Redis applied it
   */
  static boolean compareAndSet(
      RedisCommands<byte[], byte[]> redis,
      byte[] key,
      byte[] expected,
      RemoteEntry.Change change,
      byte[] value,
      long lifetimeNanos) {
    byte[] op = change.deletes ? DEL : change == RemoteEntry.Change.TOUCH ? TTL : SET;
    Long applied =
        redis.eval(
            COMPARE_AND_SET,
            ScriptOutputType.INTEGER,
            new byte[][] {key},
            expected == null ? ABSENT : PRESENT,
            expected == null ? EMPTY : expected,
            op,
            value == null ? EMPTY : value,
            lifetimeArgument(lifetimeNanos));
    return applied != null && applied == 1L;
  }

  /**
   * Deletes {@code key} if it still holds {@code expected}, without waiting for the reply: an
   * access that ends an entry's life must not delete a value another node wrote since the read.
   */
  static void deleteIfHoldingLater(
      RedisAsyncCommands<byte[], byte[]> redis, byte[] key, byte[] expected) {
    Object unused =
        redis.eval(
            COMPARE_AND_SET,
            ScriptOutputType.INTEGER,
            new byte[][] {key},
            PRESENT,
            expected,
            DEL,
            EMPTY,
            NONE);
  }

  /**
   * Creates {@code key} if it is absent ({@code SET NX}, with {@code PX} unless eternal): the
   * compare-and-set of a key read absent, as a plain command, which NOLOOP covers on every Redis
   * version (a script's writes invalidate its own caller's copies before Redis 7.2).
   *
   * @return whether Redis created it
   */
  static boolean setIfAbsent(
      RedisCommands<byte[], byte[]> redis, byte[] key, byte[] value, long lifetimeNanos) {
    SetArgs args = SetArgs.Builder.nx();
    if (lifetimeNanos != Expiry.ETERNAL && lifetimeNanos != Expiry.KEEP) {
      args.px(millisRoundedUp(lifetimeNanos));
    }
    return "OK".equals(redis.set(key, value, args));
  }

  /** A lifetime as the scripts and PX take it: milliseconds rounded up, so never early. */
  static byte[] lifetimeArgument(long nanos) {
    if (nanos == Expiry.ETERNAL) {
      return NONE;
    }
    if (nanos == Expiry.KEEP) {
      return KEEP;
    }
    return ascii(Long.toString(millisRoundedUp(nanos)));
  }

  /** At least 1 ms: PX 0 is an error, and a positive lifetime must not become "at once". */
  static long millisRoundedUp(long nanos) {
    return Math.max(1, nanos / 1_000_000L + (nanos % 1_000_000L == 0 ? 0 : 1));
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
