package io.dualcache.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Refresh-ahead: a read that finds its entry older than the refresh age returns the value it found
 * and starts one reload of that entry on the refresh executor; the reload's value replaces the
 * entry unless a write or a removal came first ({@link WritePath#replaceReloaded}).
 *
 * <p>The age is measured in epoch ticks against the tick of the entry's last write, kept in the
 * node's {@link RefreshWord}: a read costs one opaque load of that word and one of the published
 * tick, no clock read, and allocates nothing unless it starts a reload. At most one reload of a key
 * runs at a time: the reader whose CAS sets the node's flag may start it (the flag stays set until
 * the reload ends, writes in between included), and only if no reload of the key runs for another
 * node of it (one that was evicted or removed, and the key written again, meanwhile).
 */
final class Refresher<K, V> {

  private static final System.Logger LOG = System.getLogger(Refresher.class.getName());

  private final Reloader<K, V> reloader;
  private final Executor executor;
  private final long refreshTicks;
  private final EpochClock clock;
  private final WritePath<K, V> writes;
  private final String cacheName;

  /** Reloads that threw or could not be started; incremented by any thread. */
  private final LongAdder failures = new LongAdder();

  /**
   * The keys whose reload runs: added by the reader that starts one, removed when it ends. Only a
   * read that claimed a node's flag touches it.
   */
  private final Set<Object> reloading = ConcurrentHashMap.newKeySet();

  /**
   * Whether the last reload to end failed. Set by a failing reload, cleared by a succeeding one,
   * both by CAS (the reload threads race): the failure that sets it logs, so a streak of failures
   * logs once, and so does its end.
   */
  private final AtomicBoolean failing = new AtomicBoolean();

  Refresher(DualCacheBuilder<K, V> b, EpochClock clock, WritePath<K, V> writes) {
    this.reloader = b.reloader;
    this.executor = b.refreshExecutor();
    long ticks = b.refreshNanos / clock.tickNanos;
    this.refreshTicks = Math.max(1, b.refreshNanos % clock.tickNanos == 0 ? ticks : ticks + 1);
    this.clock = clock;
    this.writes = writes;
    this.cacheName = b.name;
  }

  /** After a read of the live node {@code n} returned {@code value}: reloads it if it is due. */
  void afterHit(Node<K, V> n, V value) {
    long word = n.refreshWordOpaque();
    if (RefreshWord.isDue(word, clock.tickAcquire(), refreshTicks)
        && RefreshWord.startReload(n, word)) {
      if (reloading.add(n.key)) {
        start(n, value, word);
      } else {
        RefreshWord.endReload(n); // an earlier node's reload of this key still runs
      }
    }
  }

  /** Reloads that failed since the cache was built. */
  long failureCount() {
    return failures.sum();
  }

  /** Reloads {@code n}, which held {@code seen} when its refresh word was {@code word}. */
  private void start(Node<K, V> n, V seen, long word) {
    try {
      executor.execute(() -> reload(n, seen, word));
    } catch (RuntimeException rejected) { // a full or shut down executor: the old value stays
      end(n);
      failed(rejected);
    }
  }

  private void reload(Node<K, V> n, V seen, long word) {
    try {
      V fresh = reloader.reload(n.key, seen);
      if (fresh != null) {
        writes.replaceReloaded(n, seen, word, fresh);
      }
      succeeded();
    } catch (Exception e) { // the old value stays; the next read after this one tries again
      failed(e);
    } catch (Error e) { // a failed reload too, and then the executor's to handle: never swallowed
      failed(e);
      throw e;
    } finally {
      end(n);
    }
  }

  /** The reload of {@code n} ended: its key may be reloaded again. */
  private void end(Node<K, V> n) {
    reloading.remove(n.key);
    RefreshWord.endReload(n);
  }

  private void failed(Throwable e) {
    failures.increment();
    if (failing.compareAndSet(false, true)) {
      LOG.log(
          System.Logger.Level.WARNING,
          "cache "
              + cacheName
              + ": a reload ahead of expiry failed; reads keep getting the old value, and further"
              + " failures are counted but not logged until a reload succeeds",
          e);
    }
  }

  private void succeeded() {
    if (failing.get() && failing.compareAndSet(true, false)) {
      LOG.log(
          System.Logger.Level.INFO,
          "cache " + cacheName + ": reloads succeed again (" + failures.sum() + " failed so far)");
    }
  }
}
