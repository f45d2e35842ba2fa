package io.dualcache.bench.jmh;

import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Throughput of a cache pre-filled with {@code size} keys under three mixes, in the style of
 * Caffeine's GetPutBenchmark. Every read hits (all keys are present). Run it with {@code -t 1} and
 * {@code -t 2}: each thread walks the shared Zipf draws from its own random starting point.
 *
 * <ul>
 *   <li>{@link #read}: 100% get;
 *   <li>{@link #readWrite}: every fourth operation is a put of a present key (75% / 25%);
 *   <li>{@link #write}: 100% put of present keys (updates; no eviction).
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
public class GetPutBenchmark {

  /** The cache and the keys, shared by the benchmark's threads. */
  @State(Scope.Benchmark)
  public static class Shared {
    @Param // empty: every CacheImpl
    public CacheImpl impl;

    @Param({"65536", "1048576"})
    public int size;

    BenchCache<Integer, Integer> cache;
    Integer[] draws;

    @Setup(Level.Trial)
    public void setUp() {
      KeySpace space = new KeySpace(size);
      draws = space.draws;
      cache = impl.create(size);
      for (Integer key : space.keys) {
        cache.put(key, key);
      }
      cache.settle();
      Prefill.checkAllPresent(impl, cache, space.keys);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
      cache.close();
    }
  }

  /** Each thread's own position in the draws. */
  @State(Scope.Thread)
  public static class Cursor {
    int index = ThreadLocalRandom.current().nextInt();
  }

  @Benchmark
  public Integer read(Shared s, Cursor c) {
    return s.cache.get(s.draws[c.index++ & KeySpace.MASK]);
  }

  @Benchmark
  public Integer readWrite(Shared s, Cursor c) {
    int i = c.index++;
    Integer key = s.draws[i & KeySpace.MASK];
    if ((i & 3) == 0) {
      s.cache.put(key, key);
      return key;
    }
    return s.cache.get(key);
  }

  @Benchmark
  public void write(Shared s, Cursor c) {
    Integer key = s.draws[c.index++ & KeySpace.MASK];
    s.cache.put(key, key);
  }
}
