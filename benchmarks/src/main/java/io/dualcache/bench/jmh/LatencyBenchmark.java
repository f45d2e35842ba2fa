package io.dualcache.bench.jmh;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Latency percentiles of get and put under a two-thread mixed load: one thread reads while the
 * other writes present keys, both walking the Zipf draws. JMH's sample mode times individual calls
 * and reports p50/p99/p99.9 per method (the group's secondary results). Run without {@code -t}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LatencyBenchmark {

  @State(Scope.Group)
  public static class Shared {
    @Param // empty: every CacheImpl
    public CacheImpl impl;

    @Param({"65536"})
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

  @State(Scope.Thread)
  public static class Cursor {
    int index = ThreadLocalRandom.current().nextInt();
  }

  @Benchmark
  @Group("mixed")
  @GroupThreads(1)
  public Integer get(Shared s, Cursor c) {
    return s.cache.get(s.draws[c.index++ & KeySpace.MASK]);
  }

  @Benchmark
  @Group("mixed")
  @GroupThreads(1)
  public void put(Shared s, Cursor c) {
    Integer key = s.draws[c.index++ & KeySpace.MASK];
    s.cache.put(key, key);
  }
}
