package io.dualcache.bench.redis;

import io.dualcache.bench.keys.Scramble;
import io.dualcache.engine.DualCache;
import io.dualcache.redis.RedisSharing;
import io.dualcache.redis.SharedCache;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.redisson.Redisson;
import org.redisson.api.RLocalCachedMap;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.LocalCachedMapOptions;
import org.redisson.client.codec.IntegerCodec;
import org.redisson.codec.CompositeCodec;
import org.redisson.config.Config;

/**
 * A read that the near cache answers, for a key set that the near cache holds entirely: {@link
 * SharedCache#get} against the local engine's {@link DualCache#get} (what the near hit is built
 * on), Redisson's {@code RLocalCachedMap.get} with its local cache enabled and warmed, and a plain
 * Lettuce {@code GET} (sync API, one connection: what every read would cost without a near cache).
 *
 * <p>Keys are the Integers 0..keys-1, each boxed once; values are 16-character Strings. Every
 * thread walks a precomputed array of 2^20 scrambled-Zipf (s = 0.99) draws from its own random
 * start, as in {@code GetPutBenchmark}. The near caches (DualCache, SharedCache's, Redisson's) are
 * bounded to {@code bound} entries; setup fails the trial unless every key is in the local cache,
 * and tear-down prints the SharedCache's counters (Redis reads during the trial must be zero).
 *
 * <p>Redisson runs with the cheapest codecs it has for these types ({@code IntegerCodec} for keys,
 * {@code StringCodec} for values, through {@code CompositeCodec}) and the {@code INVALIDATE} sync
 * strategy; {@code RedissonLocal} bounds its local cache to {@code bound} with LRU eviction, {@code
 * RedissonLocalUnbounded} uses eviction NONE and no size limit. Tear-down prints the Redis commands
 * each trial sent after warming ({@code INFO commandstats}): none for a true near hit. Lettuce's
 * keys are precomputed Strings ({@code bench:lettuce:<n>}), so its figure is the round trip, not
 * key encoding.
 */
@BenchmarkMode(Mode.Throughput)
public class NearHitBenchmark {

  static final int DRAWS = 1 << 20;
  static final int MASK = DRAWS - 1;
  private static final long SEED = 0x2545F4914F6CDD1DL;

  /** What a read goes through. */
  public enum Impl {
    /** {@code SharedCache.get}, every key in its near cache. */
    SharedCache,
    /** The engine alone: {@code DualCache.get}, same bound, no Redis. */
    LocalEngine,
    /**
     * A diagnostic, not a cache: the engine's get plus what SharedCache's near hit adds around it
     * (a volatile read, a {@code LongAdder} increment per hit), to see where the difference goes.
     */
    LocalEngineCounted,
    /**
     * A diagnostic: the engine alone, filled by {@code compute} as SharedCache fills its near
     * cache, instead of {@code put}.
     */
    LocalEngineComputed,
    /**
     * A diagnostic: the engine alone, filled by {@code put} with 400 bytes of garbage allocated
     * beside each entry, as a SharedCache's fill allocates encoded keys, values and commands: the
     * entries then lie as far apart in memory as a SharedCache's.
     */
    LocalEngineSpread,
    /** Redisson {@code RLocalCachedMap.get}, every key in its LRU local cache of {@code bound}. */
    RedissonLocal,
    /** The same with eviction policy NONE and no size limit (no LRU bookkeeping on a hit). */
    RedissonLocalUnbounded,
    /** Lettuce {@code GET} over one connection, sync API: a round trip per read. */
    LettuceGet
  }

  /** One read. */
  interface Reader {
    Object get(Integer key);
  }

  @State(Scope.Benchmark)
  public static class Shared {
    @Param public Impl impl;

    @Param({"16384"})
    public int keys;

    /** The near / local cache bound (entries). */
    @Param({"16384"})
    public int bound;

    Integer[] keyObjects;
    Integer[] draws;
    Reader reader;

    private RedisServer server;
    private final List<AutoCloseable> closers = new ArrayList<>();
    private SharedCache<Integer, String> sharedCache;

    /** Where LocalEngineSpread drops its garbage (a field, so that it is allocated). */
    byte[] garbage;
    private long redisHitsAtStart;
    private Map<String, Long> callsAtStart;
    private volatile long epoch; // LocalEngineCounted: the volatile read of SharedCache's epoch

    @Setup(Level.Trial)
    public void setUp() throws Exception {
      keyObjects = new Integer[keys];
      for (int i = 0; i < keys; i++) {
        keyObjects[i] = Integer.valueOf(i);
      }
      int[] ranks = Scramble.zipfKeys(keys, 0.99, DRAWS, SEED);
      draws = new Integer[DRAWS];
      for (int i = 0; i < DRAWS; i++) {
        draws[i] = keyObjects[ranks[i]];
      }
      try {
        if (impl != Impl.LocalEngine
            && impl != Impl.LocalEngineCounted
            && impl != Impl.LocalEngineComputed
            && impl != Impl.LocalEngineSpread) {
          server = RedisServer.start();
        }
        reader = open();
        if (Boolean.getBoolean("nearHit.gcAfterFill")) {
          // Compacts what the fill left: in a running application a collection soon does the
          // same, and the entries then lie as close together as the collector puts them.
          System.gc();
        }
        if (server != null) {
          callsAtStart = server.commandCalls();
        }
      } catch (Throwable t) {
        tearDown(); // stop the server even when the setup fails
        throw t;
      }
    }

    private static String value(int i) {
      return String.format("value-%010d", i);
    }

    private Reader open() throws Exception {
      switch (impl) {
        case SharedCache:
          {
            RedisSharing sharing = RedisSharing.builder(server.uri()).keyPrefix("bench").build();
            closers.add(sharing);
            SharedCache<Integer, String> cache =
                sharing.cache("near", DualCache.<Integer, String>builder().maximumSize(bound));
            for (Integer k : keyObjects) {
              cache.put(k, value(k));
            }
            int missing = 0;
            for (Integer k : keyObjects) {
              if (cache.peekNear(k) == null) {
                missing++;
              }
            }
            check(missing);
            sharedCache = cache;
            redisHitsAtStart = cache.redisHits();
            return cache::get;
          }
        case LocalEngine:
        case LocalEngineCounted:
        case LocalEngineComputed:
        case LocalEngineSpread:
          {
            DualCache<Integer, String> cache =
                DualCache.<Integer, String>builder().maximumSize(bound).build();
            closers.add(cache::close);
            for (Integer k : keyObjects) {
              if (impl == Impl.LocalEngineComputed) {
                String v = value(k);
                cache.compute(
                    k,
                    e -> {
                      e.setValue(v);
                      return null;
                    });
              } else {
                cache.put(k, value(k));
              }
              if (impl == Impl.LocalEngineSpread) {
                garbage = new byte[400];
              }
            }
            int missing = 0;
            for (Integer k : keyObjects) {
              if (cache.peek(k) == null) {
                missing++;
              }
            }
            check(missing);
            if (impl != Impl.LocalEngineCounted) {
              return cache::get;
            }
            LongAdder hits = new LongAdder();
            return k -> {
              if ((epoch & 1) == 0) {
                String v = cache.get(k);
                if (v != null) {
                  hits.increment();
                  return v;
                }
              }
              return null;
            };
          }
        case RedissonLocal:
        case RedissonLocalUnbounded:
          {
            boolean bounded = impl == Impl.RedissonLocal;
            Config config = new Config();
            config.setThreads(2).setNettyThreads(4);
            config
                .useSingleServer()
                .setAddress("redis://127.0.0.1:" + server.port())
                .setConnectionPoolSize(4)
                .setConnectionMinimumIdleSize(1)
                .setSubscriptionConnectionPoolSize(2)
                .setSubscriptionConnectionMinimumIdleSize(1);
            RedissonClient client = Redisson.create(config);
            closers.add(client::shutdown);
            RLocalCachedMap<Integer, String> map =
                client.getLocalCachedMap(
                    LocalCachedMapOptions.<Integer, String>name("bench:redisson")
                        .codec(
                            new CompositeCodec(
                                IntegerCodec.INSTANCE,
                                org.redisson.client.codec.StringCodec.INSTANCE))
                        .cacheSize(bounded ? bound : 0)
                        .evictionPolicy(
                            bounded
                                ? LocalCachedMapOptions.EvictionPolicy.LRU
                                : LocalCachedMapOptions.EvictionPolicy.NONE)
                        .syncStrategy(LocalCachedMapOptions.SyncStrategy.INVALIDATE));
            for (Integer k : keyObjects) {
              map.fastPut(k, value(k));
            }
            for (Integer k : keyObjects) {
              map.get(k); // warm: a put may or may not keep a local copy
            }
            int cached = map.getCachedMap().size();
            check(keys - cached);
            return map::get;
          }
        case LettuceGet:
          {
            RedisClient client = RedisClient.create(server.uri());
            closers.add(client::shutdown);
            StatefulRedisConnection<String, String> connection = client.connect(StringCodec.UTF8);
            closers.add(0, connection::close);
            RedisCommands<String, String> sync = connection.sync();
            String[] redisKeys = new String[keys];
            for (int i = 0; i < keys; i++) {
              redisKeys[i] = "bench:lettuce:" + i;
              sync.set(redisKeys[i], value(i));
            }
            return k -> sync.get(redisKeys[k]);
          }
        default:
          throw new AssertionError(impl);
      }
    }

    private void check(int missing) {
      if (missing != 0) {
        throw new IllegalStateException(
            impl + ": " + missing + " of " + keys + " keys not in the local cache after warming");
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      try {
        if (sharedCache != null) {
          System.out.printf(
              "%n[%s] trial: Redis reads %,d, misses %,d%n",
              impl,
              sharedCache.redisHits() - redisHitsAtStart,
              sharedCache.misses());
        }
        if (server != null && callsAtStart != null) {
          try {
            System.out.printf(
                "[%s] Redis commands during the trial: %s%n",
                impl, server.callsSince(callsAtStart));
          } catch (java.io.IOException e) {
            System.out.println("[" + impl + "] INFO commandstats failed: " + e);
          }
        }
        for (AutoCloseable c : closers) {
          try {
            c.close();
          } catch (Exception e) {
            System.err.println("close: " + e);
          }
        }
        closers.clear();
      } finally {
        if (server != null) {
          server.close();
          server = null;
        }
      }
    }
  }

  /** Each thread's own position in the draws. */
  @State(Scope.Thread)
  public static class Cursor {
    int index = ThreadLocalRandom.current().nextInt();
  }

  @Benchmark
  public Object get(Shared s, Cursor c) {
    return s.reader.get(s.draws[c.index++ & MASK]);
  }
}
