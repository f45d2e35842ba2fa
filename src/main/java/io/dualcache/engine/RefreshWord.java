package io.dualcache.engine;

/**
 * The layout of a refreshing node's refresh word, and the changes made to it:
 *
 * <pre>
 * bit 63   62          61 ........ 47   46 ........................ 0
 *     0    RELOADING   write stamp      tick of the last write (the published epoch tick)
 * </pre>
 *
 * A writer, holding the key's lock, sets the tick, counts the write in the stamp and keeps the flag
 * ({@link #markWritten}); the stamp tells a reload that a write came between its start and its end
 * even when that write put back the very value the reload started from ({@link #sameWrite}). A
 * reader that finds the entry due sets the flag by a CAS from the word it read, which makes it the
 * one that starts the reload ({@link #startReload}); the reload clears it when it ends ({@link
 * #endReload}), whatever happened to the entry meanwhile. So at most one reload of a node runs at a
 * time, and a write during a reload does not let a second one start. Every change is a CAS: readers
 * and the key's writer race on the same word.
 */
final class RefreshWord {

  static final long RELOADING = 1L << 62;

  private static final int STAMP_SHIFT = 47;
  private static final long STAMP_MASK = 0x7FFF;

  private RefreshWord() {}

  /** The word of a node written at {@code tick}, with no reload running. */
  static long writtenAt(long tick) {
    return tick & Node.TICKS;
  }

  /** Whether {@code word} says the entry is due at {@code tick} and no reload of it runs. */
  static boolean isDue(long word, long tick, long refreshTicks) {
    return (word & RELOADING) == 0 && tick - (word & Node.TICKS) >= refreshTicks;
  }

  /**
   * Claims the reload of {@code n}, read with the word {@code seen} that {@link #isDue}; false if
   * another reader claimed it or a writer wrote since.
   */
  static boolean startReload(Node<?, ?> n, long seen) {
    return n.compareAndSetRefreshWord(seen, seen | RELOADING);
  }

  /**
   * A write at {@code tick} (key's lock holder): the entry is fresh again; a reload stays marked.
   */
  static void markWritten(Node<?, ?> n, long tick) {
    long word;
    long next;
    do {
      word = n.refreshWordOpaque();
      long stamp = ((word >>> STAMP_SHIFT) + 1) & STAMP_MASK;
      next = (word & RELOADING) | stamp << STAMP_SHIFT | writtenAt(tick);
    } while (!n.compareAndSetRefreshWord(word, next));
  }

  /**
   * Whether no write came between the words {@code before} and {@code now} of one node (up to
   * 32,767 writes in between, after which the stamp repeats): their ticks and stamps are equal.
   */
  static boolean sameWrite(long before, long now) {
    return ((before ^ now) & ~RELOADING) == 0;
  }

  /** The reload of {@code n} ended: another may start once the entry is due again. */
  static void endReload(Node<?, ?> n) {
    long word;
    do {
      word = n.refreshWordOpaque();
    } while (!n.compareAndSetRefreshWord(word, word & ~RELOADING));
  }
}
