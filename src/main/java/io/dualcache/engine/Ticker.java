package io.dualcache.engine;

/**
 * A source of monotonic time in nanoseconds. The engine reads it only on writes, on reads that move
 * an entry's deadline, and in the ticking thread; a plain {@code get} never reads it. Tests pass a
 * fake ticker to control expiry.
 */
@FunctionalInterface
public interface Ticker {

  /** Returns the current time in nanoseconds; only differences between readings matter. */
  long read();

  /** The system ticker, {@link System#nanoTime()}. */
  static Ticker system() {
    return System::nanoTime;
  }
}
