package io.dualcache.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualcache.engine.DualCache;
import io.dualcache.engine.Expiry;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two {@link RedisSharing}s of one application in one JVM act as two nodes over a real Redis. */
class SharedCacheTest {
  private static final Duration DEADLINE = Duration.ofSeconds(5);
  private static final AtomicInteger APPS = new AtomicInteger();

  private static RedisServer server;
  private static RedisClient outside;
  private static StatefulRedisConnection<String, String> outsideConnection;

  private final List<RedisSharing> sharings = new ArrayList<>();
  private final String app = "app" + APPS.incrementAndGet();

  @BeforeAll
  static void startRedis() throws Exception {
    server = new RedisServer();
    outside = server.outsideClient();
    outsideConnection = outside.connect();
  }

  @AfterAll
  static void stopRedis() throws Exception {
    try {
      if (outside != null) {
        outside.shutdown(Duration.ZERO, Duration.ofSeconds(2));
      }
    } finally {
      server.close();
    }
  }

  @AfterEach
  void closeNodes() {
    for (RedisSharing s : sharings) {
      s.close();
    }
  }

  private RedisSharing node(String name) {
    RedisSharing s =
        RedisSharing.builder(server.uri())
            .keyPrefix(app)
            .clientName(app + "-" + name)
            .commandTimeout(Duration.ofSeconds(2))
            .build();
    sharings.add(s);
    return s;
  }

  private static <K, V> SharedCache<K, V> cache(RedisSharing s, String name) {
    return s.cache(name, DualCache.<K, V>builder().maximumSize(10_000));
  }

  @Test
  void putOnOneNodeIsReadOnTheOtherAndTheDelayIsMeasured() {
    SharedCache<String, String> a = cache(node("a"), "books");
    SharedCache<String, String> b = cache(node("b"), "books");

    assertNull(b.get("k"));
    a.put("k", "v0");
    // A fill is not installed when an invalidation arrives while it is in flight, and the push for
    // A's put may arrive after B's GET: read until B holds a near copy.
    RedisServer.await("B serves k from its near copy", DEADLINE, () -> fillNear(b, "k", "v0"));
    assertEquals("v0", a.peekNear("k"), "A's own write updated its near copy (NOLOOP)");

    int rounds = 300;
    long[] delays = new long[rounds];
    for (int i = 1; i <= rounds; i++) {
      String value = "v" + i;
      String before = "v" + (i - 1);
      RedisServer.await("B holds " + before, DEADLINE, () -> fillNear(b, "k", before));
      a.put("k", value);
      long returned = System.nanoTime();
      RedisServer.await("B reads " + value, DEADLINE, () -> value.equals(b.get("k")));
      delays[i - 1] = System.nanoTime() - returned;
      assertEquals(value, a.peekNear("k"));
    }
    Arrays.sort(delays);
    System.out.printf(
        "SharedCacheTest: invalidation delay, A's put returned -> B reads the new value, %d rounds:"
            + " p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
        rounds,
        delays[rounds / 2] / 1e6,
        delays[rounds * 99 / 100] / 1e6,
        delays[rounds - 1] / 1e6);
  }

  /**
   * Reads {@code key} on {@code c}, which must give {@code expected}; whether the near copy served
   * it (Redis was not read).
   */
  private static <K, V> boolean fillNear(SharedCache<K, V> c, K key, V expected) {
    long fromRedis = c.redisHits() + c.misses();
    assertEquals(expected, c.get(key));
    return c.redisHits() + c.misses() == fromRedis;
  }

  /** As {@link #fillNear}, but while the value may still be changing to {@code expected}. */
  private static <K, V> boolean fillNear2(SharedCache<K, V> c, K key, V expected) {
    long fromRedis = c.redisHits() + c.misses();
    return expected.equals(c.get(key)) && c.redisHits() + c.misses() == fromRedis;
  }

  @Test
  void removeAndClearOnOneNodeAreSeenOnTheOther() {
    SharedCache<String, Integer> a = cache(node("a"), "counts");
    SharedCache<String, Integer> b = cache(node("b"), "counts");
    SharedCache<String, Integer> otherCache = cache(sharings.get(1), "other");
    for (int i = 0; i < 50; i++) {
      a.put("k" + i, i);
    }
    otherCache.put("k1", 100);
    for (int i = 0; i < 50; i++) {
      String key = "k" + i;
      Integer value = i;
      RedisServer.await("B holds " + key, DEADLINE, () -> fillNear(b, key, value));
    }
    assertTrue(a.remove("k0"));
    assertFalse(a.remove("k0"));
    RedisServer.await("B sees k0 removed", DEADLINE, () -> b.get("k0") == null);

    a.clear();
    for (int i = 1; i < 50; i++) {
      String key = "k" + i;
      RedisServer.await("B sees " + key + " cleared", DEADLINE, () -> b.get(key) == null);
      assertNull(a.get(key));
    }
    assertEquals(0, outsideConnection.sync().keys(app + ":counts:*").size());
    assertEquals(100, otherCache.get("k1"), "clear leaves other caches alone");
  }

  @Test
  void anOutsideClientsSetAndDelInvalidateNearCopies() {
    SharedCache<String, String> a = cache(node("a"), "names");
    SharedCache<String, String> b = cache(node("b"), "names");
    a.put("ada", "lovelace");
    assertEquals("lovelace", a.get("ada"));
    RedisServer.await("B holds ada", DEADLINE, () -> fillNear(b, "ada", "lovelace"));

    outsideConnection.sync().set(app + ":names:ada", "byron");
    RedisServer.await("A reads the outside SET", DEADLINE, () -> "byron".equals(a.get("ada")));
    RedisServer.await("B holds the outside SET", DEADLINE, () -> fillNear2(b, "ada", "byron"));

    outsideConnection.sync().del(app + ":names:ada");
    RedisServer.await("A sees the outside DEL", DEADLINE, () -> a.get("ada") == null);
    RedisServer.await("B sees the outside DEL", DEADLINE, () -> b.get("ada") == null);

    a.put("x", "1");
    RedisServer.await("B holds x", DEADLINE, () -> fillNear(b, "x", "1"));
    outsideConnection.sync().flushdb();
    RedisServer.await("B sees the flush", DEADLINE, () -> b.peekNear("x") == null);
    assertNull(b.get("x"));
    assertNull(a.get("x"));
  }

  @Test
  void aWriteElsewhereDuringAFillLeavesNoStaleCopy() {
    SharedCache<String, String> a = cache(node("a"), "race");
    SharedCache<String, String> b = cache(node("b"), "race");
    a.put("k", "old");

    // Without a racing write, the fill installs.
    RedisServer.await("B holds old", DEADLINE, () -> fillNear(b, "k", "old"));
    b.near().remove("k");

    // Hold B's fill between the GET reply ("old") and the install while A writes "new", until
    // A's invalidation reached B.
    b.fillHook =
        key -> {
          long before = b.invalidations();
          a.put("k", "new");
          RedisServer.await("B got the invalidation", DEADLINE, () -> b.invalidations() > before);
        };
    assertEquals("old", b.get("k"), "the read itself returns what Redis held when it read");
    b.fillHook = null;
    assertNull(b.peekNear("k"), "the stale fill was not installed");
    RedisServer.await("B holds new", DEADLINE, () -> fillNear(b, "k", "new"));

    // The same race with a write of the same node (its own write sends it no invalidation).
    b.near().remove("k");
    b.fillHook = key -> b.put("k", "newer");
    assertEquals("new", b.get("k"));
    b.fillHook = null;
    assertEquals("newer", b.peekNear("k"), "the write's value, not the fill's");
    RedisServer.await("A reads newer", DEADLINE, () -> "newer".equals(a.get("k")));
  }

  @Test
  void putIfAbsentRacedFromTwoNodesHasExactlyOneWinner() throws Exception {
    SharedCache<Integer, String> a = cache(node("a"), "claims");
    SharedCache<Integer, String> b = cache(node("b"), "claims");
    int keys = 200;
    ConcurrentHashMap<Integer, AtomicInteger> winners = new ConcurrentHashMap<>();
    CyclicBarrier barrier = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (SharedCache<Integer, String> c : List.of(a, b)) {
        String me = c == a ? "a" : "b";
        done.add(
            pool.submit(
                () -> {
                  for (int k = 0; k < keys; k++) {
                    barrier.await(5, TimeUnit.SECONDS);
                    if (c.putIfAbsent(k, me) == null) {
                      winners.computeIfAbsent(k, x -> new AtomicInteger()).incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    for (int k = 0; k < keys; k++) {
      assertEquals(1, winners.get(k).get(), "winners of key " + k);
      assertEquals(a.get(k), b.get(k));
    }
  }

  @Test
  void incrementsRacedFromTwoNodesAreNotLost() throws Exception {
    SharedCache<String, Long> a = cache(node("a"), "counters");
    SharedCache<String, Long> b = cache(node("b"), "counters");
    int n = 300;
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (SharedCache<String, Long> c : List.of(a, b, a, b)) {
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < n / 2; i++) {
                    c.update("hits", v -> v == null ? 1L : v + 1);
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    RedisServer.await("A reads 2N", DEADLINE, () -> Long.valueOf(2L * n).equals(a.get("hits")));
    RedisServer.await("B reads 2N", DEADLINE, () -> Long.valueOf(2L * n).equals(b.get("hits")));
  }

  @Test
  void conditionalWritesCompareAgainstRedis() {
    SharedCache<String, String> a = cache(node("a"), "cond");
    SharedCache<String, String> b = cache(node("b"), "cond");
    assertNull(a.replace("k", "x"));
    assertNull(a.get("k"));
    assertNull(a.putIfAbsent("k", "1"));
    assertEquals("1", b.putIfAbsent("k", "2"));
    assertEquals("1", b.get("k"));
    assertFalse(b.replace("k", "2", "3"));
    assertTrue(b.replace("k", "1", "3"));
    RedisServer.await("A reads 3", DEADLINE, () -> "3".equals(a.get("k")));
    assertEquals("3", a.replace("k", "4"));
    RedisServer.await("B reads 4", DEADLINE, () -> "4".equals(b.get("k")));
    assertFalse(b.remove("k", "3"));
    assertTrue(b.remove("k", "4"));
    RedisServer.await("A sees the removal", DEADLINE, () -> a.get("k") == null);
  }

  @Test
  void aLifetimeBecomesARedisTtl() {
    RedisSharing na = node("a");
    SharedCache<String, String> a =
        na.cache(
            "ttl", DualCache.<String, String>builder().maximumSize(100), Duration.ofMillis(400));
    a.put("k", "v");
    long pttl = outsideConnection.sync().pttl(app + ":ttl:k");
    assertTrue(pttl > 0 && pttl <= 400, "PX set: " + pttl);
    assertEquals("v", a.get("k"));
    RedisServer.await("the value expired", DEADLINE, () -> a.get("k") == null);
    assertNull(a.peekNear("k"));
  }

  /**
   * A fill whose install waits for the key's lock (a local writer holds it) must count the Redis
   * key's remaining lifetime from the read, not from the install: with active expiry off, Redis
   * sends no push when the key dies, and only the near copy's own deadline ends it.
   */
  @Test
  void aFillThatWaitsForTheKeysLockDiesWithTheRedisKey() throws Exception {
    RedisSharing na = node("a");
    SharedCache<String, String> a =
        na.cache(
            "wait", DualCache.<String, String>builder().maximumSize(100), Duration.ofMillis(300));
    SharedCache<String, String> b =
        node("b")
            .cache(
                "wait",
                DualCache.<String, String>builder().maximumSize(100),
                Duration.ofMillis(300));
    setActiveExpire(false); // no expiry push: the near copy's deadline must do
    try {
      b.put("k", "v");
      CountDownLatch holding = new CountDownLatch(1);
      Thread writer =
          new Thread(
              () ->
                  a.near()
                      .compute(
                          "k",
                          e -> {
                            holding.countDown();
                            sleep(500); // a local writer holding the key's lock
                            return null;
                          }));
      a.fillHook =
          key -> {
            writer.start();
            await(holding);
          };
      long read = System.nanoTime();
      assertEquals("v", a.get("k"));
      a.fillHook = null;
      writer.join();
      long sinceRead = System.nanoTime() - read;
      assertTrue(sinceRead >= TimeUnit.MILLISECONDS.toNanos(500), "the install waited");
      assertNull(a.peekNear("k"), "a near copy outlived its Redis key's 300 ms by the lock wait");
    } finally {
      setActiveExpire(true);
    }
  }

  /** {@code DEBUG SET-ACTIVE-EXPIRE}: whether Redis looks for expired keys on its own. */
  private static void setActiveExpire(boolean on) {
    outsideConnection
        .sync()
        .dispatch(
            CommandType.DEBUG,
            new StatusOutput<>(StringCodec.UTF8),
            new CommandArgs<>(StringCodec.UTF8).add("SET-ACTIVE-EXPIRE").add(on ? 1 : 0));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void keysAndValuesKeepTheirTypes() {
    SharedCache<Object, Object> a = cache(node("a"), "types");
    SharedCache<Object, Object> b = cache(node("b"), "types");
    List<Object> samples =
        List.of("", "\u0001tagged", "plain", 42, -7L, true, 2.5, new java.math.BigDecimal("1.10"));
    for (Object o : samples) {
      a.put(o, o);
    }
    for (Object o : samples) {
      assertEquals(o, b.get(o), "value of " + o);
    }
    outsideConnection.sync().del(app + ":types:plain");
    RedisServer.await("B sees the DEL", DEADLINE, () -> b.get("plain") == null);
    assertEquals(42, b.get(42));
  }

  @Test
  void aTimedOutWriteNamesTheCacheAndTheAddressNeverThePassword() throws Exception {
    RedisSharing s =
        RedisSharing.builder(server.uri())
            .keyPrefix(app)
            .commandTimeout(Duration.ofMillis(200))
            .build();
    sharings.add(s);
    SharedCache<String, String> c = cache(s, "slow");
    c.put("k", "v1");
    assertEquals("v1", c.peekNear("k"));
    assertFalse(s.toString().contains(RedisServer.PASSWORD), s.toString());
    assertFalse(c.toString().contains(RedisServer.PASSWORD), c.toString());

    outsideConnection.sync().clientPause(800); // holds every client's commands
    long pausedAt = System.nanoTime();
    SharedCacheException e = assertThrows(SharedCacheException.class, () -> c.put("k", "v2"));
    assertTrue(e.getMessage().contains("'slow'"), e.getMessage());
    assertTrue(e.getMessage().contains("127.0.0.1:" + server.port), e.getMessage());
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertFalse(String.valueOf(t).contains(RedisServer.PASSWORD), String.valueOf(t));
    }
    assertNull(c.peekNear("k"), "nothing half-written in the near cache");
    long left = 900 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pausedAt);
    if (left > 0) {
      Thread.sleep(left);
    }
    String now = c.get("k");
    assertTrue("v1".equals(now) || "v2".equals(now), now);
  }

  private static Expiry<String, String> expiry(long create, long update, long read) {
    return new Expiry<>() {
      @Override
      public long afterCreate(String key, String value) {
        return create;
      }

      @Override
      public long afterUpdate(String key, String value) {
        return update;
      }

      @Override
      public long afterRead(String key, String value) {
        return read;
      }

      @Override
      public boolean movesOnRead() {
        return true;
      }
    };
  }

  /**
   * An access that expires the entry at once deletes it in Redis without waiting; a put made on
   * another node after the read but before the delete reaches Redis must survive it.
   */
  @Test
  void anAccessThatEndsTheEntryKeepsAnotherNodesLaterPut() {
    Expiry<String, String> e = expiry(Expiry.ETERNAL, Expiry.KEEP, 0);
    SharedCache<String, String> a =
        node("a").cache("zero", DualCache.<String, String>builder().maximumSize(100), e, null);
    SharedCache<String, String> b =
        node("b").cache("zero", DualCache.<String, String>builder().maximumSize(100), e, null);
    b.put("k", "v0");
    a.fillHook = key -> b.put("k", "v1"); // B's put returns between A's GET and A's DEL
    assertEquals("v0", a.get("k"));
    a.fillHook = null;
    // A sync command on A's connection, pipelined after the async DEL.
    boolean present = a.containsKey("k");
    assertTrue(present, "B's put of v1 (after A's read of v0) was deleted by A's access");
    assertEquals("v1", b.get("k"));
  }

  /** Cache "orders" must not own the Redis keys of cache "orders:archive" (a prefix match). */
  @Test
  void clearingACacheKeepsTheKeysOfACacheWhoseNameItPrefixes() {
    RedisSharing s = node("a");
    SharedCache<String, String> orders = cache(s, "orders");
    SharedCache<String, String> archive = cache(s, "orders:archive");
    archive.put("k", "kept");
    assertFalse(orders.iterator().hasNext(), "orders iterates archive's entries");
    orders.clear();
    archive.near().clear();
    assertEquals("kept", archive.get("k"), "orders.clear() removed archive's entry from Redis");
  }

  /** Two cache names with a common prefix must not share Redis keys. */
  @Test
  void cachesWhoseNamesShareAPrefixShareNoKeys() {
    RedisSharing s = node("a");
    SharedCache<String, String> orders = cache(s, "orders");
    SharedCache<String, String> archive = cache(s, "orders:archive");
    archive.put("k", "archived");
    orders.put("archive:k", "order");
    archive.near().clear();
    assertEquals("archived", archive.get("k"), "orders' key archive:k is archive's key k");
  }

  /**
   * UTF-8 writes an unpaired surrogate as '?': such a key must not share its Redis key with the
   * string that has a '?' there.
   */
  @Test
  void keysThatUtf8CannotKeepShareNoRedisKey() {
    SharedCache<String, String> cache = cache(node("a"), "surrogates");
    cache.put("x\uD800", "lone surrogate");
    cache.put("x?", "question mark");
    cache.near().clear();
    assertEquals("lone surrogate", cache.get("x\uD800"));
    assertEquals("question mark", cache.get("x?"));
  }
}
