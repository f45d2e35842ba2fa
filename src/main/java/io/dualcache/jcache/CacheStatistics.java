package io.dualcache.jcache;

import java.util.concurrent.atomic.LongAdder;
import javax.cache.management.CacheStatisticsMXBean;

/**
 * The statistics of one cache, counted by the spec's rules by the operations themselves, in the
 * calling thread, before the operation returns: a read right after an operation sees it. The cache
 * only calls the {@code record} methods while statistics are enabled.
 *
 * <p>Counters are {@link LongAdder}s (written by every thread that uses the cache, summed by the
 * reader): exact whenever no operation is in flight. Times are kept in nanoseconds and reported in
 * microseconds, averaged over the operations of their kind.
 */
final class CacheStatistics implements CacheStatisticsMXBean {

  private static final float NANOS_PER_MICRO = 1000f;

  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder puts = new LongAdder();
  private final LongAdder removals = new LongAdder();
  private final LongAdder evictions = new LongAdder();
  private final LongAdder getNanos = new LongAdder();
  private final LongAdder putNanos = new LongAdder();
  private final LongAdder removeNanos = new LongAdder();

  void recordHits(long count) {
    hits.add(count);
  }

  void recordMisses(long count) {
    misses.add(count);
  }

  void recordPuts(long count) {
    puts.add(count);
  }

  void recordRemovals(long count) {
    removals.add(count);
  }

  void recordEviction() {
    evictions.increment();
  }

  void recordGetTime(long startNanos) {
    getNanos.add(System.nanoTime() - startNanos);
  }

  void recordPutTime(long startNanos) {
    putNanos.add(System.nanoTime() - startNanos);
  }

  void recordRemoveTime(long startNanos) {
    removeNanos.add(System.nanoTime() - startNanos);
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
