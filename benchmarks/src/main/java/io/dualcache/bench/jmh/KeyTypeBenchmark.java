package io.dualcache.bench.jmh;

import io.dualcache.engine.DualCache;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The engine's get against {@code ConcurrentHashMap.get} by key type ({@code Integer}, {@code
 * String}, {@code UUID}) and by how the key is looked up: with the very instance stored ({@code
 * same}), or with an equal one ({@code equal}: what a key parsed from a request is). Every lookup
 * hits; the keys are read in a shuffled order. The engine is bounded to the key count, so hits are
 * recorded for its policy, as in production.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KeyTypeBenchmark {
  private static final int DRAWS = 1 << 20;

  @Param({"Integer", "String", "UUID"})
  public String keyType;

  @Param({"same", "equal"})
  public String lookup;

  @Param({"65536", "1048576"})
  public int size;

  /**
   * The map or cache under test. Named to sort after the other parameters: JMH runs parameter
   * combinations in the order of their names, the last varying fastest, so the two are measured
   * back to back for each combination and their ratio suffers less from this machine's drift.
   */
  @Param({"CHM", "DualCache"})
  public String subject;

  private Object[] draws;
  private Function<Object, Object> reader;
  private AutoCloseable closer = () -> {};

  @Setup(Level.Trial)
  public void setUp() {
    Random random = new Random(42);
    Object[] keys = new Object[size];
    Object[] equalKeys = new Object[size];
    for (int i = 0; i < size; i++) {
      switch (keyType) {
        case "Integer" -> {
          keys[i] = Integer.valueOf(i * 31 + 1_000_000); // outside the Integer cache
          equalKeys[i] = Integer.valueOf(i * 31 + 1_000_000);
        }
        case "String" -> {
          keys[i] = "user:" + i;
          equalKeys[i] = new String("user:" + i);
        }
        default -> {
          UUID id = new UUID(random.nextLong(), random.nextLong());
          keys[i] = id;
          equalKeys[i] = new UUID(id.getMostSignificantBits(), id.getLeastSignificantBits());
        }
      }
    }
    Object[] lookups = lookup.equals("same") ? keys : equalKeys;
    draws = new Object[DRAWS];
    for (int i = 0; i < DRAWS; i++) {
      draws[i] = lookups[random.nextInt(size)];
    }
    if (subject.equals("CHM")) {
      ConcurrentHashMap<Object, Object> map = new ConcurrentHashMap<>(size * 2);
      for (Object key : keys) {
        map.put(key, key);
      }
      reader = map::get;
    } else {
      DualCache<Object, Object> cache = DualCache.builder().maximumSize(size).build();
      for (Object key : keys) {
        cache.put(key, key);
      }
      cache.cleanUp();
      reader = cache::get;
      closer = cache;
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    closer.close();
  }

  /** Per thread: where it is in the draws. */
  @State(Scope.Thread)
  public static class Cursor {
    int index = new Random().nextInt(DRAWS);
  }

  @Benchmark
  public Object get(Cursor cursor) {
    return reader.apply(draws[cursor.index++ & (DRAWS - 1)]);
  }
}
