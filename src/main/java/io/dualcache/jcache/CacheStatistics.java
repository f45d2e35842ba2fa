package io.dualcache.jcache;

import java.util.concurrent.atomic.LongAdder;
import javax.cache.management.CacheStatisticsMXBean;

/**
 * The statistics of one cache and their on/off switch. The operations count by the spec's rules
 * themselves, in the calling thread, before they return: a read right after an operation sees it.
 *
 * <p>An operation starts with {@link #start()}, which reads the switch once: 0 while statistics are
 * off, and then every record of that operation does nothing (so an operation is counted whole or
 * not at all, whenever the switch moves). Evictions, which have no start, read the switch when they
 * are recorded.
 *
 * <p>Counters are {@link LongAdder}s (written by every thread that uses the cache, summed by the
 * reader): exact whenever no operation is in flight. Times are kept in nanoseconds and reported in
 * microseconds, averaged over the operations of their kind.
 */
final class CacheStatistics implements CacheStatisticsMXBean {

  /** What {@link #start()} returns while statistics are off. */
  private static final long OFF = 0L;

  private static final float NANOS_PER_MICRO = 1000f;

  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder puts = new LongAdder();
  private final LongAdder removals = new LongAdder();
  private final LongAdder evictions = new LongAdder();
  private final LongAdder getNanos = new LongAdder();
  private final LongAdder putNanos = new LongAdder();
  private final LongAdder removeNanos = new LongAdder();

  /**
   * Whether operations count. Written by a management call, read by every operation (volatile: a
   * plain load on x86, and the one branch a read pays when statistics are off).
   */
  private volatile boolean enabled;

  void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  boolean isEnabled() {
    return enabled;
  }

  /** The start of an operation: its time in nanoseconds while statistics are on, else 0. */
  long start() {
    if (!enabled) {
      return OFF;
    }
    long now = System.nanoTime();
    return now == OFF ? 1L : now; // one nanosecond off, rather than an operation not counted
  }

  /** A read of one key: a hit or a miss, and its time. */
  void recordGet(long start, boolean hit) {
    if (hit) {
      recordHits(start, 1);
    } else {
      recordMisses(start, 1);
    }
    recordGetTime(start);
  }

  /** A read of one key that may have put a value: {@code getAndPut}, {@code replace}, ... */
  void recordGetAndPut(long start, boolean hit, boolean put) {
    recordGet(start, hit);
    recordPuts(start, put ? 1 : 0);
  }

  /** A read of one key that may have removed it: {@code getAndRemove}, {@code remove(k, v)}. */
  void recordGetAndRemove(long start, boolean hit, boolean removed) {
    recordGet(start, hit);
    recordRemovals(start, removed ? 1 : 0);
  }

  void recordHits(long start, long count) {
    if (start != OFF) {
      hits.add(count);
    }
  }

  void recordMisses(long start, long count) {
    if (start != OFF) {
      misses.add(count);
    }
  }

  /** The time of a read, of one key or many. */
  void recordGetTime(long start) {
    if (start != OFF) {
      getNanos.add(System.nanoTime() - start);
    }
  }

  /** {@code count} puts, if any, and the time of the operation that made them. */
  void recordPuts(long start, long count) {
    if (start != OFF && count > 0) {
      puts.add(count);
      putNanos.add(System.nanoTime() - start);
    }
  }

  /** {@code count} removals, if any, and the time of the operation that made them. */
  void recordRemovals(long start, long count) {
    if (start != OFF && count > 0) {
      removals.add(count);
      removeNanos.add(System.nanoTime() - start);
    }
  }

  void recordEviction() {
    if (enabled) {
      evictions.increment();
    }
  }

  @Override
  public void clear() {
    hits.reset();
    misses.reset();
    puts.reset();
    removals.reset();
    evictions.reset();
    getNanos.reset();
    putNanos.reset();
    removeNanos.reset();
  }

  @Override
  public long getCacheHits() {
    return hits.sum();
  }

  @Override
  public float getCacheHitPercentage() {
    return percentage(getCacheHits(), getCacheGets());
  }

  @Override
  public long getCacheMisses() {
    return misses.sum();
  }

  @Override
  public float getCacheMissPercentage() {
    return percentage(getCacheMisses(), getCacheGets());
  }

  @Override
  public long getCacheGets() {
    return getCacheHits() + getCacheMisses();
  }

  @Override
  public long getCachePuts() {
    return puts.sum();
  }

  @Override
  public long getCacheRemovals() {
    return removals.sum();
  }

  @Override
  public long getCacheEvictions() {
    return evictions.sum();
  }

  @Override
  public float getAverageGetTime() {
    return averageMicros(getNanos.sum(), getCacheGets());
  }

  @Override
  public float getAveragePutTime() {
    return averageMicros(putNanos.sum(), getCachePuts());
  }

  @Override
  public float getAverageRemoveTime() {
    return averageMicros(removeNanos.sum(), getCacheRemovals());
  }

  private static float percentage(long part, long total) {
    return total == 0 ? 0f : part * 100f / total;
  }

  private static float averageMicros(long nanos, long operations) {
    return operations == 0 ? 0f : nanos / NANOS_PER_MICRO / operations;
  }
}
