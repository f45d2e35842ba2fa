package io.dualcache.engine;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Configures and builds a {@link DualCache}. By default the cache is unbounded, its entries are
 * eternal, the hot tiers are off, the epoch tick is 1 ms and maintenance runs on a daemon thread of
 * its own. Every setter checks its argument and throws {@link IllegalArgumentException} naming the
 * setting and the accepted range; the ranges and their wording are in {@link Limits}.
 */
public final class DualCacheBuilder<K, V> {

  /** Largest T1: a tier read on every get must stay resident in a core's L1 cache. */
  public static final int MAX_T1_SLOTS = Limits.MAX_T1_SLOTS;

  /** Largest T2. */
  public static final int MAX_T2_SLOTS = Limits.MAX_T2_SLOTS;

  private static final AtomicInteger THREAD_IDS = new AtomicInteger();

  long maximumSize = -1;
  long maximumWeight = -1;
  Weigher<K, V> weigher;
  long initialCapacity = 16;
  int t1Slots;
  int t2Slots;
  long tickNanos = 1_000_000L;
  Ticker ticker = Ticker.system();
  ThreadFactory threadFactory;
  Executor executor;
  EntryListener<K, V> listener;
  Expiry<K, V> expiry;
  Reloader<K, V> reloader;
  long refreshNanos;
  Executor refreshExecutor;
  String name = "dualcache";
  int segments = defaultSegments();
  int hitStripes = defaultStripes();

  /** The most writes the daemon may lag behind before writers do its work (backpressure). */
  static final int MAX_WRITE_QUEUE = 1024;

  DualCacheBuilder() {}

  private static int defaultSegments() {
    return 64;
  }

  private static int defaultStripes() {
    int cores = Runtime.getRuntime().availableProcessors();
    return Math.max(4, Integer.highestOneBit(cores * 4 - 1) << 1);
  }

  /**
   * Bounds the cache to {@code maximumSize} entries (0 or more). The daemon evicts to honour it;
   * the cache may exceed it briefly by at most the writes not yet seen by the daemon (at most
   * 1,024).
   */
  public DualCacheBuilder<K, V> maximumSize(long maximumSize) {
    Limits.maximumSize(maximumSize);
    if (maximumWeight >= 0) {
      throw new IllegalArgumentException(
          "maximumSize cannot be combined with maximumWeight (already set to "
              + maximumWeight
              + ")");
    }
    this.maximumSize = maximumSize;
    return this;
  }

  /**
   * Bounds the total weight of the entries to {@code maximumWeight} (0 or more), each entry
   * weighing what {@code weigher} says (0 or more, computed once per write).
   */
  public DualCacheBuilder<K, V> maximumWeight(long maximumWeight, Weigher<K, V> weigher) {
    Limits.maximumWeight(maximumWeight);
    if (maximumSize >= 0) {
      throw new IllegalArgumentException(
          "maximumWeight cannot be combined with maximumSize (already set to " + maximumSize + ")");
    }
    this.maximumWeight = maximumWeight;
    this.weigher = Objects.requireNonNull(weigher, "weigher must not be null");
    return this;
  }

  /** Sizes the index for about {@code entries} entries up front (0 or more; default 16). */
  public DualCacheBuilder<K, V> initialCapacity(long entries) {
    this.initialCapacity = Limits.initialCapacity(entries);
    return this;
  }

  /**
   * Enables the hot tiers read before the main index: T1 with {@code t1Slots} slots (a power of two
   * from 2 to {@value #MAX_T1_SLOTS}) and T2 with {@code t2Slots} slots (0 for none, or a power of
   * two from 2 to {@value #MAX_T2_SLOTS}). {@code hotTiers(0, 0)} turns them off (the default: see
   * the README's figures for when they pay).
   */
  public DualCacheBuilder<K, V> hotTiers(int t1Slots, int t2Slots) {
    Limits.hotTiers(t1Slots, t2Slots);
    this.t1Slots = t1Slots;
    this.t2Slots = t2Slots;
    return this;
  }

  /**
   * The length of an epoch tick, the unit of expiry deadlines (100 µs to 1 s; default 1 ms). An
   * entry expires at most one tick plus the ticking thread's delay after its deadline.
   */
  public DualCacheBuilder<K, V> tickDuration(Duration tick) {
    this.tickNanos = Limits.tickDuration(tick);
    return this;
  }

  /** The time source for expiry (default {@link Ticker#system()}); tests pass a fake one. */
  public DualCacheBuilder<K, V> ticker(Ticker ticker) {
    this.ticker = Objects.requireNonNull(ticker, "ticker must not be null");
    return this;
  }

  /**
   * Makes the daemon thread with {@code factory} (default: a daemon thread named after the cache).
   */
  public DualCacheBuilder<K, V> threadFactory(ThreadFactory factory) {
    if (executor != null) {
      throw new IllegalArgumentException("threadFactory cannot be combined with executor");
    }
    this.threadFactory = Objects.requireNonNull(factory, "threadFactory must not be null");
    return this;
  }

  /**
   * Runs maintenance as tasks on {@code executor}, after writes, instead of on a daemon thread.
   * {@code Runnable::run} runs it in the writing thread, which makes the cache deterministic.
   */
  public DualCacheBuilder<K, V> executor(Executor executor) {
    if (threadFactory != null) {
      throw new IllegalArgumentException("executor cannot be combined with threadFactory");
    }
    this.executor = Objects.requireNonNull(executor, "executor must not be null");
    return this;
  }

  /** Receives every creation, replacement and removal (see {@link EntryListener}). */
  public DualCacheBuilder<K, V> listener(EntryListener<K, V> listener) {
    this.listener = Objects.requireNonNull(listener, "listener must not be null");
    return this;
  }

  /** Gives entries lifetimes (default: eternal). */
  public DualCacheBuilder<K, V> expiry(Expiry<K, V> expiry) {
    this.expiry = Objects.requireNonNull(expiry, "expiry must not be null");
    return this;
  }

  /** Entries expire {@code ttl} after they were created or last replaced. */
  public DualCacheBuilder<K, V> expireAfterWrite(Duration ttl) {
    return expiry(Expiry.afterWrite(ttl));
  }

  /** Entries expire {@code ttl} after they were created, replaced or last read. */
  public DualCacheBuilder<K, V> expireAfterAccess(Duration ttl) {
    return expiry(Expiry.afterAccess(ttl));
  }

  /**
   * Refresh-ahead: a {@link DualCache#get} of an entry written {@code age} or longer ago (in epoch
   * ticks, rounded up) returns its value at once and starts {@code reloader} for that key on the
   * {@linkplain #refreshExecutor refresh executor}, at most one reload per key at a time. The
   * reloaded value replaces the entry (an update: its listener event and expiry) unless the entry
   * was written or removed meanwhile. A reloader that throws or returns null keeps the old value;
   * the next read tries again. Expiry still wins: an expired entry is a miss, never reloaded.
   */
  public DualCacheBuilder<K, V> refreshAfterWrite(Duration age, Reloader<K, V> reloader) {
    this.refreshNanos = Limits.refreshAfterWrite(age);
    this.reloader = Objects.requireNonNull(reloader, "reloader must not be null");
    return this;
  }

  /** Runs the reloads of {@link #refreshAfterWrite} (default {@link ForkJoinPool#commonPool()}). */
  public DualCacheBuilder<K, V> refreshExecutor(Executor executor) {
    this.refreshExecutor = Objects.requireNonNull(executor, "refreshExecutor must not be null");
    return this;
  }

  /** Names the cache in its thread's name and in log messages (default "dualcache"). */
  public DualCacheBuilder<K, V> name(String name) {
    this.name = Objects.requireNonNull(name, "name must not be null");
    return this;
  }

  /**
   * The number of index segments, each with its own write lock (a power of two from 2 to 65,536;
   * default 64). More segments let more writers of different keys work at once.
   */
  public DualCacheBuilder<K, V> concurrencyLevel(int segments) {
    this.segments = Limits.concurrencyLevel(segments);
    return this;
  }

  /** Builds the cache and starts its maintenance. */
  public DualCache<K, V> build() {
    return new DualCache<>(this);
  }

  long maximumWeight() {
    return maximumSize >= 0 ? maximumSize : maximumWeight;
  }

  /**
   * The write queue's capacity: {@value #MAX_WRITE_QUEUE}, or for a small size bound a quarter of
   * it (at least 16), so that the slack over the bound stays small relative to the bound.
   */
  int writeQueueCapacity() {
    if (maximumSize < 0) {
      return MAX_WRITE_QUEUE;
    }
    return (int) Math.max(16, Math.min(MAX_WRITE_QUEUE, maximumSize / 4));
  }

  Executor refreshExecutor() {
    return refreshExecutor != null ? refreshExecutor : ForkJoinPool.commonPool();
  }

  ThreadFactory threadFactory() {
    if (threadFactory != null) {
      return threadFactory;
    }
    String threadName = name + "-daemon-" + THREAD_IDS.incrementAndGet();
    return r -> {
      Thread thread = new Thread(r, threadName);
      // Not the creator's context loader (a web application's, say): a daemon of a cache that is
      // never closed would keep it, and every class it loaded, from being collected.
      thread.setContextClassLoader(DualCache.class.getClassLoader());
      return thread;
    };
  }
}
