package io.dualcache.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dualcache.engine.DualCache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Once an invalidation push has arrived, its near copy is never served, even though the sharing's
 * worker drops it later: otherwise node B could read a later write from Redis and then the stale
 * old value of an earlier write from its near cache (both failed before near hits waited for
 * pending drops).
 */
class TwoNodeCausalityTest {
  private static RedisServer server;
  private final List<RedisSharing> sharings = new ArrayList<>();

  @BeforeAll
  static void startRedis() throws Exception {
    server = new RedisServer();
  }

  @AfterAll
  static void stopRedis() throws Exception {
    server.close();
  }

  @AfterEach
  void close() {
    sharings.forEach(RedisSharing::close);
  }

  private SharedCache<String, String> node(String app, String name) {
    RedisSharing s = RedisSharing.builder(server.uri()).keyPrefix(app).clientName(name).build();
    sharings.add(s);
    return s.cache("c", DualCache.<String, String>builder().maximumSize(10_000));
  }

  /** Public API only: B sees A's second write (the flag) but then A's first write's old value. */
  @Test
  void aReadOfALaterWriteIsFollowedByAStaleReadOfAnEarlierOne() {
    SharedCache<String, String> a = node("causal1", "a");
    SharedCache<String, String> b = node("causal1", "b");
    int stale = 0;
    int rounds = 300;
    for (int i = 0; i < rounds; i++) {
      String old = "old" + i;
      a.put("k", old);
      int round = i;
      RedisServer.await(
          "B holds " + old,
          Duration.ofSeconds(5),
          () -> old.equals(b.get("k")) && old.equals(b.peekNear("k")));
      a.put("k", "new" + i); // first write
      a.put("flag" + i, "set"); // second write, a fresh key: B has no near copy of it
      RedisServer.await(
          "B reads flag" + round, Duration.ofSeconds(5), () -> "set".equals(b.get("flag" + round)));
      // B's GET of the flag was answered after the invalidation of k (one connection, in order).
      if (!("new" + i).equals(b.get("k"))) {
        stale++;
      }
    }
    assertEquals(0, stale, "rounds (of " + rounds + ") where B read k's old value after the flag");
  }

  /** Deterministic: B's worker is busy; the invalidation has arrived; B's get still returns old. */
  @Test
  void anArrivedInvalidationDoesNotStopNearHitsUntilTheWorkerRuns() throws Exception {
    SharedCache<String, String> a = node("causal2", "a");
    SharedCache<String, String> b = node("causal2", "b");
    RedisSharing bSharing = sharings.get(1);
    a.put("k", "old");
    RedisServer.await(
        "B holds old",
        Duration.ofSeconds(5),
        () -> "old".equals(b.get("k")) && "old".equals(b.peekNear("k")));
    CountDownLatch release = new CountDownLatch(1);
    bSharing.later(
        () -> {
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    try {
      long before = b.invalidations();
      a.put("k", "new");
      RedisServer.await(
          "B's connection received the invalidation",
          Duration.ofSeconds(5),
          () -> b.invalidations() > before);
      assertEquals("new", b.get("k"), "B's read after the invalidation of k arrived");
    } finally {
      release.countDown();
    }
  }
}
