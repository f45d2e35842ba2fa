package io.dualcache.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * The ranges of the builder's settings and their wording, in one place. {@link DualCacheBuilder}
 * checks its arguments here; code that takes the same settings before it has a builder (the JCache
 * adapter's {@code DualCacheConfiguration} and its configuration file reader) checks them here too,
 * so a value out of range fails with the same message wherever it was given.
 *
 * <p>Each check returns the value it accepted, or throws {@link IllegalArgumentException} saying
 * {@code "<setting> must be <range>, <setting>=<value>"}, where the range is the text of the
 * matching constant.
 */
public final class Limits {

  /** The most slots of hot tier T1: it must stay L1-resident. */
  public static final int MAX_T1_SLOTS = 4096;

  /** The most slots of hot tier T2. */
  public static final int MAX_T2_SLOTS = 1 << 20;

  /** The most index segments. */
  public static final int MAX_SEGMENTS = 1 << 16;

  /** What the bounds and the initial capacity accept. */
  public static final String COUNT = ">= 0";

  /** What T1 accepts when the tiers are on. */
  public static final String T1_SLOTS = "a power of two from 2 to " + MAX_T1_SLOTS;

  /** What T2 accepts when the tiers are on. */
  public static final String T2_SLOTS = "0 or a power of two from 2 to " + MAX_T2_SLOTS;

  /** What the epoch tick accepts (written as a configuration file writes durations). */
  public static final String TICK_DURATION = "from 100us to 1s";

  /** What refresh-after-write accepts. */
  public static final String REFRESH_AFTER_WRITE = "> 0";

  /** What the number of index segments accepts. */
  public static final String CONCURRENCY_LEVEL = "a power of two from 2 to " + MAX_SEGMENTS;

  private static final long MIN_TICK_NANOS = 100_000L;
  private static final long MAX_TICK_NANOS = 1_000_000_000L;

  private Limits() {}

  /**
   * A lifetime an {@link EditableEntry} is given: nanoseconds (0 or more), {@link Expiry#ETERNAL}
   * or {@link Expiry#KEEP}.
   */
  public static long lifetime(long expiryNanos) {
    if (expiryNanos < 0 && expiryNanos != Expiry.KEEP) {
      throw new IllegalArgumentException(
          "expiryNanos must be >= 0, Expiry.ETERNAL or Expiry.KEEP, expiryNanos=" + expiryNanos);
    }
    return expiryNanos;
  }

  /** A size bound: 0 or more. */
  public static long maximumSize(long maximumSize) {
    return count("maximumSize", maximumSize);
  }

  /** A weight bound: 0 or more. */
  public static long maximumWeight(long maximumWeight) {
    return count("maximumWeight", maximumWeight);
  }

  /** An initial capacity in entries: 0 or more. */
  public static long initialCapacity(long entries) {
    return count("initialCapacity", entries);
  }

  /**
   * The slots of the hot tiers: {@code (0, 0)} for none, else T1 {@value #T1_SLOTS} and T2 {@value
   * #T2_SLOTS}.
   */
  public static void hotTiers(int t1Slots, int t2Slots) {
    if (t1Slots == 0 && t2Slots == 0) {
      return;
    }
    if (t1Slots < 2 || t1Slots > MAX_T1_SLOTS || !isPowerOfTwo(t1Slots)) {
      throw outside("t1Slots", T1_SLOTS, t1Slots);
    }
    if (t2Slots != 0 && (t2Slots < 2 || t2Slots > MAX_T2_SLOTS || !isPowerOfTwo(t2Slots))) {
      throw outside("t2Slots", T2_SLOTS, t2Slots);
    }
  }

  /** The epoch tick, {@value #TICK_DURATION}; returns it in nanoseconds. */
  public static long tickDuration(Duration tick) {
    Objects.requireNonNull(tick, "tickDuration must not be null");
    long nanos = Durations.toNanos("tickDuration", tick);
    if (nanos < MIN_TICK_NANOS || nanos > MAX_TICK_NANOS) {
      throw outside("tickDuration", TICK_DURATION, tick);
    }
    return nanos;
  }

  /** The age at which an entry is reloaded ahead of use, {@value #REFRESH_AFTER_WRITE}; in ns. */
  public static long refreshAfterWrite(Duration age) {
    Objects.requireNonNull(age, "refreshAfterWrite must not be null");
    long nanos = Durations.toNanos("refreshAfterWrite", age);
    if (nanos == 0) {
      throw outside("refreshAfterWrite", REFRESH_AFTER_WRITE, age);
    }
    return nanos;
  }

  /** The number of index segments, {@value #CONCURRENCY_LEVEL}. */
  public static int concurrencyLevel(int segments) {
    if (segments < 2 || segments > MAX_SEGMENTS || !isPowerOfTwo(segments)) {
      throw outside("concurrencyLevel", CONCURRENCY_LEVEL, segments);
    }
    return segments;
  }

  private static long count(String setting, long value) {
    if (value < 0) {
      throw outside(setting, COUNT, value);
    }
    return value;
  }

  private static boolean isPowerOfTwo(int value) {
    return Integer.bitCount(value) == 1;
  }

  private static IllegalArgumentException outside(String setting, String range, Object value) {
    return new IllegalArgumentException(
        setting + " must be " + range + ", " + setting + "=" + value);
  }
}
