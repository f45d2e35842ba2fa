package io.dualcache.engine;

import java.time.Duration;

/** Conversions of user durations with the checks and messages the builder promises. */
final class Durations {

  private Durations() {}

  /** Returns {@code duration} in nanoseconds, saturating at {@link Long#MAX_VALUE}. */
  static long toNanos(String setting, Duration duration) {
    if (duration == null) {
      throw new NullPointerException(setting + " must not be null");
    }
    if (duration.isNegative()) {
      throw new IllegalArgumentException(
          setting + " must be zero or positive, " + setting + "=" + duration);
    }
    try {
      return duration.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }
}
