package io.dualcache.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualcache.engine.DualCache;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Losing the tracking connection, and a Redis restart, leave no stale near copy behind. */
class RedisFaultsTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final AtomicInteger APPS = new AtomicInteger();

  private static RedisServer server;

  private final List<RedisSharing> sharings = new ArrayList<>();
  private final String app = "fault" + APPS.incrementAndGet();

  @BeforeAll
  static void startRedis() throws Exception {
    server = new RedisServer();
  }

  @AfterAll
  static void stopRedis() throws Exception {
    server.close();
  }

  @AfterEach
  void closeNodes() {
    for (RedisSharing s : sharings) {
      s.close();
    }
  }

  private SharedCache<String, String> node(String name) {
    RedisSharing s =
        RedisSharing.builder(server.uri())
            .keyPrefix(app)
            .clientName(app + "-" + name)
            .commandTimeout(Duration.ofSeconds(1))
            .build();
    sharings.add(s);
    return s.cache("books", DualCache.<String, String>builder().maximumSize(1000));
  }

  /** Reads until Redis answers (it may be reconnecting); never accepts {@code stale}. */
  private static String readAfterFault(SharedCache<String, String> c, String key, String stale) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    while (true) {
      try {
        long redis = c.redisHits();
        String v = c.get(key);
        assertNotEquals(
            stale,
            v,
            "a stale read after the fault, "
                + (c.redisHits() == redis ? "from the near copy" : "from Redis"));
        return v;
      } catch (SharedCacheException e) {
        assertFalse(e.getMessage().contains(RedisServer.PASSWORD), e.getMessage());
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
    }
  }

  private static boolean holds(SharedCache<String, String> c, String key, String expected) {
    return expected.equals(c.get(key)) && expected.equals(c.peekNear(key));
  }

  @Test
  void killingTheTrackingConnectionLeavesNoStaleCopy() throws Exception {
    SharedCache<String, String> a = node("a");
    SharedCache<String, String> b = node("b");
    RedisSharing sb = sharings.get(1);
    a.put("k", "v1");
    RedisServer.await("B holds v1", DEADLINE, () -> holds(b, "k", "v1"));

    RedisClient outside = server.outsideClient();
    try (StatefulRedisConnection<String, String> c = outside.connect()) {
      String list = c.sync().clientList();
      String id = null;
      for (String line : list.split("\n")) {
        if (line.contains(" name=" + app + "-b ")) {
          id = line.replaceAll("^id=(\\d+) .*$", "$1").trim();
        }
      }
      assertTrue(id != null, "B's connection in CLIENT LIST:\n" + list);
      long drops = sb.drops();
      c.sync().clientKill(io.lettuce.core.KillArgs.Builder.id(Long.parseLong(id)));
      RedisServer.await("B noticed the drop", DEADLINE, () -> sb.drops() > drops);
      // Written while B has no tracking: no invalidation reaches B for it.
      a.put("k", "v2");
      assertEquals("v2", readAfterFault(b, "k", "v1"));
      RedisServer.await("B tracks again", DEADLINE, sb::isTracking);
      RedisServer.await("B holds v2", DEADLINE, () -> holds(b, "k", "v2"));
      a.put("k", "v3");
      RedisServer.await("B reads v3 after re-tracking", DEADLINE, () -> "v3".equals(b.get("k")));
    } finally {
      outside.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }

  @Test
  void aRedisRestartLeavesNoStaleCopy() throws Exception {
    SharedCache<String, String> a = node("a");
    SharedCache<String, String> b = node("b");
    RedisSharing sa = sharings.get(0);
    RedisSharing sb = sharings.get(1);
    a.put("k", "v1");
    assertEquals("v1", a.peekNear("k"));
    RedisServer.await("B holds v1", DEADLINE, () -> holds(b, "k", "v1"));

    long drops = sb.drops();
    server.stop();
    RedisServer.await("B noticed the drop", DEADLINE, () -> sb.drops() > drops);
    RedisServer.await("A noticed the drop", DEADLINE, () -> !sa.isTracking());
    SharedCacheException down = assertThrows(SharedCacheException.class, () -> b.get("k"));
    assertTrue(down.getMessage().contains("'books'"), down.getMessage());
    assertTrue(down.getMessage().contains("127.0.0.1:" + server.port), down.getMessage());
    assertFalse(down.getMessage().contains(RedisServer.PASSWORD), down.getMessage());
    assertThrows(SharedCacheException.class, () -> a.put("k", "lost"));
    assertNull(a.peekNear("k"));

    server.start(); // empty: no persistence
    assertNull(readAfterFault(b, "k", "v1"));
    assertNull(readAfterFault(a, "k", "v1"));
    RedisServer.await("A tracks again", DEADLINE, sa::isTracking);
    RedisServer.await("B tracks again", DEADLINE, sb::isTracking);
    assertNull(b.get("k"));
    a.put("k", "v2");
    RedisServer.await("B holds v2", DEADLINE, () -> holds(b, "k", "v2"));
    a.put("k", "v3");
    RedisServer.await("B reads v3 after the restart", DEADLINE, () -> "v3".equals(b.get("k")));
  }
}
