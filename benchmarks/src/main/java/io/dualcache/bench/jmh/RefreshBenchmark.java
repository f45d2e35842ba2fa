package io.dualcache.bench.jmh;

import io.dualcache.engine.DualCache;
import io.dualcache.engine.DualCacheBuilder;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
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
 * What refresh-ahead costs a hit that needs no refresh: the engine's get of a bounded cache without
 * refresh, the same with {@code refreshAfterWrite(1h)} (every entry young, so a hit reads the
 * refresh word and the tick and starts nothing), and {@code ConcurrentHashMap.get} as the anchor of
 * the run. Run with {@code -prof gc}: a hit allocates nothing in either cache.
 */
@BenchmarkMode(Mode.Throughput)
@State(Scope.Benchmark)
public class RefreshBenchmark {

  @Param({"CHM", "DualCache", "DualCache_Refresh"})
  public String impl;

  @Param({"65536"})
  public int size;

  private Integer[] draws;
  private ConcurrentHashMap<Integer, Integer> map;
  private DualCache<Integer, Integer> cache;

  @Setup(Level.Trial)
  public void setUp() {
    KeySpace space = new KeySpace(size);
    draws = space.draws;
    if (impl.equals("CHM")) {
      map = new ConcurrentHashMap<>(size);
      for (Integer key : space.keys) {
        map.put(key, key);
      }
      return;
    }
    DualCacheBuilder<Integer, Integer> builder =
        DualCache.<Integer, Integer>builder().maximumSize(size);
    if (impl.equals("DualCache_Refresh")) {
      builder.refreshAfterWrite(Duration.ofHours(1), (key, old) -> old);
    }
    cache = builder.build();
    for (Integer key : space.keys) {
      cache.put(key, key);
    }
    cache.cleanUp();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (cache != null) {
      cache.close();
    }
  }

  /** Each thread's own position in the draws. */
  @State(Scope.Thread)
  public static class Cursor {
    int index = ThreadLocalRandom.current().nextInt();
  }

  @Benchmark
  public Integer read(Cursor c) {
    Integer key = draws[c.index++ & KeySpace.MASK];
    return map != null ? map.get(key) : cache.get(key);
  }
}
