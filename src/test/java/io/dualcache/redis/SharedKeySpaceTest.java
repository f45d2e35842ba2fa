package io.dualcache.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dualcache.engine.DualCache;
import io.dualcache.engine.Expiry;
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

/**
 * What keeps one writer's data from another's: caches whose names share a prefix, and an access
 * that ends an entry's life while another node writes it.
 */
class SharedKeySpaceTest {
  private static final Duration DEADLINE = Duration.ofSeconds(5);
  private static final AtomicInteger APPS = new AtomicInteger();

  private static RedisServer server;
  private static RedisClient outside;
  private static StatefulRedisConnection<String, String> outsideConnection;

  private final List<RedisSharing> sharings = new ArrayList<>();
  private final String app = "keyspace" + APPS.incrementAndGet();

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
    SharedCache<String, String> orders =
        s.cache("orders", DualCache.<String, String>builder().maximumSize(100));
    SharedCache<String, String> archive =
        s.cache("orders:archive", DualCache.<String, String>builder().maximumSize(100));
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
    SharedCache<String, String> orders =
        s.cache("orders", DualCache.<String, String>builder().maximumSize(100));
    SharedCache<String, String> archive =
        s.cache("orders:archive", DualCache.<String, String>builder().maximumSize(100));
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
    SharedCache<String, String> cache =
        node("a").cache("surrogates", DualCache.<String, String>builder().maximumSize(100));
    cache.put("x\uD800", "lone surrogate");
    cache.put("x?", "question mark");
    cache.near().clear();
    assertEquals("lone surrogate", cache.get("x\uD800"));
    assertEquals("question mark", cache.get("x?"));
  }
}
