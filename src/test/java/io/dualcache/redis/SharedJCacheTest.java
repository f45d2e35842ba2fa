package io.dualcache.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualcache.engine.DualCache;
import io.dualcache.jcache.DualCacheConfiguration;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.event.EventType;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.spi.CachingProvider;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JSR-107 caches shared through a real Redis: two cache managers with their own Redis connections
 * stand for two JVMs. Each write on one node must be what the other reads next (after the
 * invalidation arrives: polled with a deadline), and the conditional operations must be atomic
 * across the nodes.
 */
class SharedJCacheTest {
  private static final Duration DEADLINE = Duration.ofSeconds(5);
  private static final AtomicInteger RUNS = new AtomicInteger();

  private static RedisServer server;
  private final List<CacheManager> managers = new ArrayList<>();
  private final String prefix = "app" + RUNS.incrementAndGet();

  @BeforeAll
  static void startRedis() throws Exception {
    server = new RedisServer();
  }

  @AfterAll
  static void stopRedis() throws Exception {
    server.close();
  }

  @AfterEach
  void closeManagers() {
    managers.forEach(CacheManager::close);
  }

  private CacheManager node(String name) {
    Properties properties = new Properties();
    properties.setProperty("dualcache.redis.uri", server.uri());
    properties.setProperty("dualcache.redis.key-prefix", prefix);
    return manager(URI.create(prefix + "-" + name), properties);
  }

  private CacheManager manager(URI uri, Properties properties) {
    CachingProvider provider = Caching.getCachingProvider();
    CacheManager manager = provider.getCacheManager(uri, getClass().getClassLoader(), properties);
    managers.add(manager);
    return manager;
  }

  private static Cache<String, Integer> books(CacheManager manager) {
    return manager.createCache(
        "books", new MutableConfiguration<String, Integer>().setTypes(String.class, Integer.class));
  }

  /** Reads {@code key} on {@code cache} until it returns {@code expected}. */
  private static void awaitValue(Cache<String, Integer> cache, String key, Integer expected) {
    RedisServer.await(
        cache.getName() + " reads " + expected + " for " + key,
        DEADLINE,
        () -> java.util.Objects.equals(cache.get(key), expected));
  }

  @Test
  void eachWriteOnOneNodeIsWhatTheOtherReadsNext() {
    Cache<String, Integer> a = books(node("a"));
    Cache<String, Integer> b = books(node("b"));

    a.put("k", 1);
    assertEquals(1, b.get("k"), "a near miss on B reads Redis");
    assertEquals(1, b.get("k"));
    a.put("k", 2);
    awaitValue(b, "k", 2);
    assertTrue(b.replace("k", 2, 3));
    awaitValue(a, "k", 3);
    assertEquals(3, a.getAndPut("k", 4));
    awaitValue(b, "k", 4);
    assertTrue(b.remove("k"));
    awaitValue(a, "k", null);

    a.putAll(Map.of("x", 10, "y", 20));
    assertEquals(Map.of("x", 10, "y", 20), b.getAll(Set.of("x", "y")));
    a.invoke(
        "x",
        (entry, args) -> {
          entry.setValue(entry.getValue() + 1);
          return null;
        });
    awaitValue(b, "x", 11);
    b.removeAll(Set.of("x"));
    awaitValue(a, "x", null);
    b.clear();
    awaitValue(a, "y", null);
    assertFalse(a.iterator().hasNext(), "clear removed the Redis keys");
  }

  @Test
  void conditionalOperationsRacedFromTwoNodesLoseNoUpdate() throws Exception {
    Cache<String, Integer> a = books(node("a"));
    Cache<String, Integer> b = books(node("b"));
    int perThread = 150;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> wins = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Cache<String, Integer> cache = t % 2 == 0 ? a : b;
        int id = t;
        wins.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    cache.invoke(
                        "counter",
                        (entry, args) -> {
                          entry.setValue(entry.exists() ? entry.getValue() + 1 : 1);
                          return null;
                        });
                  }
                  return cache.putIfAbsent("first", id) ? 1 : 0;
                }));
      }
      int winners = 0;
      for (Future<Integer> win : wins) {
        winners += win.get(60, TimeUnit.SECONDS);
      }
      assertEquals(1, winners, "exactly one putIfAbsent won");
    } finally {
      pool.shutdownNow();
    }
    awaitValue(a, "counter", 4 * perThread);
    awaitValue(b, "counter", 4 * perThread);
    assertEquals(a.get("first"), b.get("first"));
  }

  @Test
  void aListenerHearsThisNodesWritesAsRedisSawThem() {
    Cache<String, Integer> a = books(node("a"));
    Cache<String, Integer> b = books(node("b"));
    List<String> heard = new CopyOnWriteArrayList<>();
    b.registerCacheEntryListener(
        new MutableCacheEntryListenerConfiguration<String, Integer>(
            FactoryBuilder.factoryOf(new Recorder(heard)), null, true, true));
    a.put("k", 1);
    b.put("k", 2); // B never held k: Redis did, so this is an update, with its old value
    b.put("n", 5);
    assertEquals(List.of("UPDATED k 1->2", "CREATED n null->5"), heard);
  }

  /** Records events as text. */
  static final class Recorder
      implements CacheEntryCreatedListener<String, Integer>,
          CacheEntryUpdatedListener<String, Integer>,
          java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final transient List<String> heard;

    Recorder(List<String> heard) {
      this.heard = heard;
    }

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> events) {
      record(events);
    }

    @Override
    public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> events) {
      record(events);
    }

    private void record(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> events) {
      for (CacheEntryEvent<? extends String, ? extends Integer> e : events) {
        heard.add(
            e.getEventType()
                + " "
                + e.getKey()
                + " "
                + (e.getEventType() == EventType.CREATED ? null : e.getOldValue())
                + "->"
                + e.getValue());
      }
    }
  }

  @Test
  void theEngineMetricsMXBeanOfASharedCacheShowsItsNearCache() throws Exception {
    MutableConfiguration<String, Integer> config =
        new MutableConfiguration<String, Integer>()
            .setTypes(String.class, Integer.class)
            .setStatisticsEnabled(true);
    CacheManager managerA = node("a");
    CacheManager managerB = node("b");
    Cache<String, Integer> a = managerA.createCache("metered", config);
    Cache<String, Integer> b = managerB.createCache("metered", config);
    a.put("x", 1);
    a.put("y", 2);

    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name =
        new ObjectName(
            "io.dualcache:type=DualCacheMetrics,CacheManager="
                + managerB.getURI()
                + ",Cache=metered");
    assertEquals(true, attribute(server, name, "NearCache"));
    // B reads x, so its near cache holds x and not y. Tracking is BCAST, so B also hears A's
    // writes of x and y; if that push is still on its way when B reads, the read installs nothing
    // (FillTickets: the conservative outcome). Read again then.
    RedisServer.await(
        "the MXBean's Size is B's near cache (x), not Redis (x and y)",
        DEADLINE,
        () -> {
          assertEquals(1, b.get("x"));
          return Long.valueOf(1).equals(attribute(server, name, "Size"));
        });
  }

  private static Object attribute(MBeanServer server, ObjectName name, String attribute) {
    try {
      return server.getAttribute(name, attribute);
    } catch (javax.management.JMException e) {
      throw new AssertionError("cannot read " + attribute + " of " + name, e);
    }
  }

  @Test
  void anExpiryIsARedisTtlSoTheEntryGoesForEveryNode() {
    MutableConfiguration<String, Integer> config =
        new MutableConfiguration<String, Integer>()
            .setTypes(String.class, Integer.class)
            .setExpiryPolicyFactory(
                CreatedExpiryPolicy.factoryOf(
                    new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, 300)));
    Cache<String, Integer> a = node("a").createCache("sessions", config);
    Cache<String, Integer> b = node("b").createCache("sessions", config);
    a.put("s", 1);
    assertEquals(1, b.get("s"));
    awaitValue(b, "s", null);
    awaitValue(a, "s", null); // A's near copy too, within the engine's tick (1 ms)
  }

  @Test
  void aHitOnOneNodeMovesTheAccessExpiryForEveryNode() throws Exception {
    MutableConfiguration<String, Integer> config =
        new MutableConfiguration<String, Integer>()
            .setTypes(String.class, Integer.class)
            .setExpiryPolicyFactory(
                TouchedExpiryPolicy.factoryOf(
                    new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, 1000)));
    Cache<String, Integer> a = node("a").createCache("touched", config);
    Cache<String, Integer> b = node("b").createCache("touched", config);
    a.put("s", 1);
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(2500);
    while (System.nanoTime() < end) {
      assertEquals(1, a.get("s"), "A's reads keep it alive"); // near hits: each moves the TTL
      Thread.sleep(100);
    }
    assertEquals(1, b.get("s"), "alive in Redis too, 2.5 s after a 1 s lifetime began");
    Thread.sleep(2000); // no read for twice the lifetime (a read would move it again)
    assertNull(b.get("s"), "expired for B");
    assertNull(a.get("s"), "and for A");
  }

  /** Loads the length of the key. */
  public static final class LengthLoader implements CacheLoader<String, Integer> {
    static final AtomicInteger CALLS = new AtomicInteger();

    @Override
    public Integer load(String key) {
      CALLS.incrementAndGet();
      return key.length();
    }

    @Override
    public Map<String, Integer> loadAll(Iterable<? extends String> keys) {
      Map<String, Integer> all = new java.util.HashMap<>();
      keys.forEach(k -> all.put(k, load(k)));
      return all;
    }
  }

  @Test
  void aRedisMissIsLoadedOnceAndStoredForEveryNode() {
    MutableConfiguration<String, Integer> reading =
        new MutableConfiguration<String, Integer>()
            .setTypes(String.class, Integer.class)
            .setReadThrough(true)
            .setCacheLoaderFactory(FactoryBuilder.factoryOf(LengthLoader.class));
    Cache<String, Integer> a = node("a").createCache("lengths", reading);
    Cache<String, Integer> b =
        node("b")
            .createCache(
                "lengths",
                new MutableConfiguration<String, Integer>().setTypes(String.class, Integer.class));
    int calls = LengthLoader.CALLS.get();
    assertEquals(5, a.get("hello"));
    assertEquals(calls + 1, LengthLoader.CALLS.get());
    assertEquals(5, b.get("hello"), "the loaded value is in Redis");
    assertEquals(5, a.get("hello"));
    assertEquals(calls + 1, LengthLoader.CALLS.get(), "loaded once");
  }

  @Test
  void aConfigurationFileSharesEveryCacheButTheOnesThatSayNot(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("shared.conf");
    Files.writeString(
        file,
        "dualcache {\n"
            + "  redis { uri = \""
            + server.uri()
            + "\", key-prefix = \""
            + prefix
            + "\", command-timeout = 1s }\n"
            + "  default { maximum-size = 100 }\n"
            + "  caches { local { shared = false } }\n"
            + "}\n");
    CacheManager a = manager(file.toUri(), new Properties());
    Cache<String, Integer> sharedA = books(a);
    Cache<String, Integer> localA = a.getCache("local"); // declared: created with the manager
    assertNotNull(sharedA.unwrap(SharedCache.class), "shared by default");
    assertThrows(IllegalArgumentException.class, () -> localA.unwrap(SharedCache.class));
    for (int i = 0; i < 300; i++) {
      sharedA.put("n" + i, i);
    }
    DualCache<?, ?> near = sharedA.unwrap(DualCache.class);
    near.cleanUp();
    assertTrue(near.size() <= 100, "the bound is the near cache's: " + near.size());
    int inRedis = 0;
    for (Cache.Entry<String, Integer> ignored : sharedA) {
      inRedis++;
    }
    assertEquals(300, inRedis, "Redis keeps every entry");

    Cache<String, Integer> sharedB = books(node("b"));
    sharedA.put("k", 7);
    localA.put("k", 8);
    assertEquals(7, sharedB.get("k"));
  }

  @Test
  void withOnRedisDownLoadReadsGoToTheLoaderWhileRedisIsDown() throws Exception {
    Properties properties = new Properties();
    properties.setProperty("dualcache.redis.uri", server.uri());
    properties.setProperty("dualcache.redis.key-prefix", prefix);
    properties.setProperty("dualcache.redis.on-redis-down", "load");
    properties.setProperty("dualcache.redis.command-timeout", "500");
    Cache<String, Integer> cache =
        manager(URI.create(prefix + "-down"), properties)
            .createCache(
                "lengths",
                new MutableConfiguration<String, Integer>()
                    .setTypes(String.class, Integer.class)
                    .setReadThrough(true)
                    .setCacheLoaderFactory(FactoryBuilder.factoryOf(LengthLoader.class)));
    cache.put("abc", 100);
    RedisSharing sharing = cache.unwrap(SharedCache.class).sharing();
    server.stop();
    try {
      RedisServer.await("the drop is noticed", DEADLINE, () -> !sharing.isTracking());
      assertEquals(4, cache.get("four"), "the loader's value");
      assertEquals(3, cache.get("abc"), "the loader's, not the near copy: it cannot be trusted");
      assertThrows(CacheException.class, () -> cache.put("abc", 1), "writes still fail");
    } finally {
      server.start();
    }
  }

  /** A codec of one's own: the default one's bytes behind a marker, to be seen in Redis. */
  public static final class MarkedCodec implements SharedCodec {
    private static final byte MARK = '#';
    private final SharedCodec inner = SharedCodec.serialization(MarkedCodec.class.getClassLoader());

    @Override
    public byte[] encode(Object value) {
      byte[] bytes = inner.encode(value);
      byte[] marked = new byte[bytes.length + 1];
      marked[0] = MARK;
      System.arraycopy(bytes, 0, marked, 1, bytes.length);
      return marked;
    }

    @Override
    public Object decode(byte[] bytes) {
      if (bytes.length == 0 || bytes[0] != MARK) {
        throw new IllegalArgumentException("not written by MarkedCodec");
      }
      return inner.decode(java.util.Arrays.copyOfRange(bytes, 1, bytes.length));
    }
  }

  @Test
  void aCodecNamedInTheSettingsEncodesKeysAndValues() {
    Properties properties = new Properties();
    properties.setProperty("dualcache.redis.uri", server.uri());
    properties.setProperty("dualcache.redis.key-prefix", prefix);
    properties.setProperty("dualcache.redis.codec", MarkedCodec.class.getName());
    Cache<String, Integer> cache = books(manager(URI.create(prefix + "-codec"), properties));
    cache.put("k", 7);
    try (io.lettuce.core.RedisClient client = server.outsideClient();
        var connection = client.connect(io.lettuce.core.codec.ByteArrayCodec.INSTANCE)) {
      byte[] key = (prefix + ":books:#k").getBytes(java.nio.charset.StandardCharsets.UTF_8);
      byte[] stored = connection.sync().get(key);
      assertNotNull(stored, "the key is the prefix, the cache and the codec's bytes of the key");
      assertEquals('#', stored[0], "the value is the codec's bytes");
    }
    assertNull(books(node("b")).get("k"), "a node with the default codec names the key otherwise");
  }

  @Test
  void sharedTrueWithoutRedisFailsNamingTheCache() {
    CacheManager plain = manager(URI.create(prefix + "-plain"), new Properties());
    CacheException e =
        assertThrows(
            CacheException.class,
            () -> plain.createCache("orders", new DualCacheConfiguration<>().setShared(true)));
    assertTrue(e.getMessage().contains("\"orders\""), e.getMessage());
    assertTrue(e.getMessage().contains("dualcache.redis"), e.getMessage());
  }

  @Test
  void thePasswordAppearsInNoMessageNameOrString() throws Exception {
    CacheManager a = node("a");
    Cache<String, Integer> cache = books(a);
    cache.put("k", 1);
    List<String> texts = new ArrayList<>();
    texts.add(a.toString());
    texts.add(cache.toString());
    texts.add(cache.unwrap(SharedCache.class).toString());
    texts.add(String.valueOf(cache.getConfiguration(DualCacheConfiguration.class)));
    server.stop();
    try {
      CacheException failure = assertThrows(CacheException.class, () -> cache.put("k", 2));
      for (Throwable t = failure; t != null; t = t.getCause()) {
        texts.add(String.valueOf(t.getMessage()));
      }
      assertTrue(failure.getMessage().contains("books"), failure.getMessage());
      assertTrue(failure.getMessage().contains("127.0.0.1:" + server.port), failure.getMessage());
      assertNull(cache.unwrap(DualCache.class).peek("k"), "no near copy after a failed write");
    } finally {
      server.start();
    }
    for (String text : texts) {
      assertFalse(text.contains(RedisServer.PASSWORD), text);
    }
  }
}
