package io.dualcache.bench.redis;

import io.dualcache.bench.keys.Scramble;
import io.dualcache.engine.DualCache;
import io.dualcache.redis.RedisSharing;
import io.dualcache.redis.SharedCache;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Two nodes sharing one cache through one Redis: two {@link RedisSharing} instances (two
 * connections, two tracking subscriptions) on one server, each with its own {@link SharedCache} of
 * the same name, near caches bounded to {@code nearBound} (2^13) entries over {@code keys} (2^16)
 * keys, all of them in Redis (written before the trial by a third sharing, so both near caches
 * start empty). The JMH group {@code twoNodes} runs one thread on node A and one on node B
 * ({@code @GroupThreads(1)} each; with {@code -tg a,b} more); JMH reports the throughput of each
 * node as {@code twoNodes:nodeA} / {@code twoNodes:nodeB}.
 *
 * <p>Every thread walks a precomputed array of 2^20 scrambled-Zipf (s = 0.99) key draws from its
 * own random start; a precomputed coin per position makes it a put (of the node's own value for
 * that key, so that values do change between nodes) with probability {@code 100 - readPercent}
 * percent, else a get. A put on one node invalidates the other node's near copy.
 *
 * <p>The near hit ratio per node, nearHits / (nearHits + redisHits + misses) of that node's
 * SharedCache counters over each iteration, comes out as JMH secondary results
 * ({@code @AuxCounters} EVENTS: {@code aNear}, {@code aRedis}, {@code aMiss} and {@code b...}) and
 * is printed after each iteration.
 */
@BenchmarkMode(Mode.Throughput)
public class TwoNodeBenchmark {

  static final int DRAWS = 1 << 20;
  static final int MASK = DRAWS - 1;
  private static final long SEED = 0x2545F4914F6CDD1DL;

  @State(Scope.Benchmark)
  public static class Nodes {
    @Param({"95", "50"})
    public int readPercent;

    @Param({"65536"})
    public int keys;

    @Param({"8192"})
    public int nearBound;

    Integer[] draws;
    boolean[] write;
    String[] valuesA;
    String[] valuesB;
    SharedCache<Integer, String> cacheA;
    SharedCache<Integer, String> cacheB;

    private RedisServer server;
    private RedisSharing sharingA;
    private RedisSharing sharingB;

    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
      Integer[] keyObjects = new Integer[keys];
      valuesA = new String[keys];
      valuesB = new String[keys];
      for (int i = 0; i < keys; i++) {
        keyObjects[i] = Integer.valueOf(i);
        valuesA[i] = String.format("a-value-%08d", i);
        valuesB[i] = String.format("b-value-%08d", i);
      }
      int[] ranks = Scramble.zipfKeys(keys, 0.99, DRAWS, SEED);
      draws = new Integer[DRAWS];
      write = new boolean[DRAWS];
      SplittableRandom coin = new SplittableRandom(SEED ^ 0x9E3779B97F4A7C15L);
      for (int i = 0; i < DRAWS; i++) {
        draws[i] = keyObjects[ranks[i]];
        write[i] = coin.nextInt(100) >= readPercent;
      }
      try {
        server = RedisServer.start();
        sharingA = RedisSharing.builder(server.uri()).keyPrefix("bench").countNearHits(true).build();
        sharingB = RedisSharing.builder(server.uri()).keyPrefix("bench").countNearHits(true).build();
        cacheA =
            sharingA.cache("zipf", DualCache.<Integer, String>builder().maximumSize(nearBound));
        cacheB =
            sharingB.cache("zipf", DualCache.<Integer, String>builder().maximumSize(nearBound));
        // Every key in Redis (a near miss is a Redis hit), written by a third, short-lived
        // sharing, so that both nodes start with empty near caches and no history of the fill.
        try (RedisSharing loader = RedisSharing.builder(server.uri()).keyPrefix("bench").build()) {
          SharedCache<Integer, String> fill =
              loader.cache("zipf", DualCache.<Integer, String>builder().maximumSize(16));
          for (Integer k : keyObjects) {
            fill.put(k, valuesA[k]);
          }
        }
        // Let the nodes take in the fill's 65,536 invalidation pushes before the first iteration.
        Thread.sleep(500);
      } catch (RuntimeException | InterruptedException e) {
        tearDown();
        throw e;
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      try {
        if (sharingA != null) {
          sharingA.close();
        }
      } finally {
        try {
          if (sharingB != null) {
            sharingB.close();
          }
        } finally {
          if (server != null) {
            server.close();
          }
          sharingA = null;
          sharingB = null;
          server = null;
        }
      }
    }

    String op(SharedCache<Integer, String> cache, String[] values, Cursor c) {
      int i = c.index++ & MASK;
      Integer key = draws[i];
      if (write[i]) {
        String v = values[key];
        cache.put(key, v);
        return v;
      }
      return cache.get(key);
    }
  }

  /** Each thread's own position in the draws. */
  @State(Scope.Thread)
  public static class Cursor {
    int index = ThreadLocalRandom.current().nextInt();
  }

  /**
   * The counters of one node's SharedCache over one iteration: {near, redis, miss}. Taken at the
   * iteration's start and end by the node's own thread, so with more than one thread per node
   * ({@code -tg}) each thread reports the node's whole count (the ratio stays right).
   */
  static long[] snapshot(SharedCache<Integer, String> c) {
    return new long[] {c.nearHits(), c.redisHits(), c.misses()};
  }

  static long[] delta(SharedCache<Integer, String> c, long[] start, String node) {
    long[] now = snapshot(c);
    long near = now[0] - start[0];
    long redis = now[1] - start[1];
    long miss = now[2] - start[2];
    long reads = near + redis + miss;
    System.out.printf(
        " [node %s: reads %,d, near %,d, Redis %,d, miss %,d, near hit ratio %.4f]",
        node, reads, near, redis, miss, reads == 0 ? 0.0 : (double) near / reads);
    return new long[] {near, redis, miss};
  }

  /** Node A's counters (JMH secondary results aNear, aRedis, aMiss). */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class CountersA {
    public long aNear;
    public long aRedis;
    public long aMiss;
    private long[] start;

    @Setup(Level.Iteration)
    public void begin(Nodes n) {
      aNear = aRedis = aMiss = 0;
      start = snapshot(n.cacheA);
    }

    @TearDown(Level.Iteration)
    public void end(Nodes n) {
      long[] d = delta(n.cacheA, start, "A");
      aNear = d[0];
      aRedis = d[1];
      aMiss = d[2];
    }
  }

  /** Node B's counters (JMH secondary results bNear, bRedis, bMiss). */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class CountersB {
    public long bNear;
    public long bRedis;
    public long bMiss;
    private long[] start;

    @Setup(Level.Iteration)
    public void begin(Nodes n) {
      bNear = bRedis = bMiss = 0;
      start = snapshot(n.cacheB);
    }

    @TearDown(Level.Iteration)
    public void end(Nodes n) {
      long[] d = delta(n.cacheB, start, "B");
      bNear = d[0];
      bRedis = d[1];
      bMiss = d[2];
    }
  }

  @Benchmark
  @Group("twoNodes")
  @GroupThreads(1)
  public String nodeA(Nodes n, Cursor c, CountersA counters) {
    return n.op(n.cacheA, n.valuesA, c);
  }

  @Benchmark
  @Group("twoNodes")
  @GroupThreads(1)
  public String nodeB(Nodes n, Cursor c, CountersB counters) {
    return n.op(n.cacheB, n.valuesB, c);
  }
}
