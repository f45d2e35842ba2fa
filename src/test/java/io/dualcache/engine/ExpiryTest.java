package io.dualcache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExpiryTest {

  private final FakeTicker ticker = new FakeTicker();
  private final RecordingListener<String, String> events = new RecordingListener<>();
  private DualCache<String, String> cache;

  private DualCache<String, String> build(Expiry<String, String> expiry) {
    cache =
        DualCache.<String, String>builder()
            .ticker(ticker)
            .expiry(expiry)
            .listener(events)
            .executor(Runnable::run)
            .build();
    return cache;
  }

  @AfterEach
  void close() {
    cache.close();
  }

  /** Advances the fake time and waits until the ticking thread published it. */
  private void advanceTo(Duration d, String keyThatMustExpire) {
    ticker.advance(d);
    if (keyThatMustExpire != null) {
      Await.until(keyThatMustExpire + " expired", () -> cache.peek(keyThatMustExpire) == null);
    }
  }

  @Test
  void expireAfterWriteIsNeverEarly() {
    build(Expiry.afterWrite(Duration.ofSeconds(10)));
    cache.put("a", "1");
    ticker.advance(Duration.ofSeconds(10).minusNanos(1));
    cache.cleanUp(); // publishes the tick and sweeps
    assertEquals("1", cache.get("a"), "one nanosecond before the deadline the entry lives");
    advanceTo(Duration.ofNanos(1), "a");
    assertNull(cache.get("a"));
  }

  @Test
  void readerThatFindsAnExpiredEntryRemovesItWithAnEvent() {
    build(Expiry.afterWrite(Duration.ofMillis(5)));
    cache.put("a", "1");
    events.drain();
    advanceTo(Duration.ofMillis(5), "a");
    assertEquals(1, cache.size(), "peek does not remove");
    assertNull(cache.get("a"));
    assertEquals(0, cache.size(), "get removed the expired entry");
    assertEquals(List.of("EXPIRED a 1->null"), events.drain());
  }

  @Test
  void updateRenewsExpireAfterWrite() {
    build(Expiry.afterWrite(Duration.ofSeconds(10)));
    cache.put("a", "1");
    ticker.advance(Duration.ofSeconds(6));
    cache.put("a", "2");
    ticker.advance(Duration.ofSeconds(6));
    cache.cleanUp();
    assertEquals("2", cache.get("a"));
    advanceTo(Duration.ofSeconds(4), "a");
  }

  @Test
  void expireAfterAccessMovesOnGetButNotOnPeek() {
    build(Expiry.afterAccess(Duration.ofSeconds(10)));
    cache.put("a", "1");
    ticker.advance(Duration.ofSeconds(8));
    assertEquals("1", cache.get("a"));
    ticker.advance(Duration.ofSeconds(8));
    assertEquals("1", cache.peek("a"), "the get moved the deadline to 18s");
    advanceTo(Duration.ofSeconds(2), "a");
  }

  @Test
  void zeroLifetimeOnCreateStoresNothing() {
    build((k, v) -> 0L);
    assertNull(cache.put("a", "1"));
    assertNull(cache.get("a"));
    assertEquals(0, cache.size());
    assertEquals(List.of(), events.events(), "no event for an entry that was never visible");
  }

  @Test
  void zeroLifetimeOnUpdateReplacesThenExpires() {
    build(
        new Expiry<>() {
          @Override
          public long afterCreate(String key, String value) {
            return Expiry.ETERNAL;
          }

          @Override
          public long afterUpdate(String key, String value) {
            return 0L;
          }
        });
    cache.put("a", "1");
    assertEquals("1", cache.put("a", "2"));
    assertNull(cache.get("a"));
    assertEquals(
        List.of("CREATED a null->1", "REPLACED a 1->2", "EXPIRED a 2->null"), events.events());
  }

  @Test
  void keepLeavesTheDeadlineAlone() {
    build((k, v) -> Duration.ofSeconds(10).toNanos()); // afterUpdate defaults to KEEP
    cache.put("a", "1");
    ticker.advance(Duration.ofSeconds(6));
    cache.put("a", "2");
    advanceTo(Duration.ofSeconds(4), "a");
  }

  @Test
  void cleanUpSweepsExpiredEntriesWithEvents() {
    build(Expiry.afterWrite(Duration.ofSeconds(1)));
    for (int i = 0; i < 100; i++) {
      cache.put("k" + i, "v" + i);
    }
    cache.put("eternal", "x");
    events.drain();
    ticker.advance(Duration.ofSeconds(2));
    cache.cleanUp();
    assertEquals(0, cache.size(), "every entry had a one-second lifetime");
    assertEquals(101, events.drain().stream().filter(e -> e.startsWith("EXPIRED")).count());
  }

  @Test
  void computeCanSetAndMoveLifetimes() {
    build(Expiry.afterWrite(Duration.ofSeconds(10)));
    cache.compute(
        "a",
        e -> {
          e.setValue("1", Expiry.ETERNAL);
          return null;
        });
    ticker.advance(Duration.ofDays(1));
    cache.cleanUp();
    assertEquals("1", cache.get("a"), "an explicit ETERNAL lifetime beats the policy");
    cache.compute(
        "a",
        e -> {
          e.setExpiry(Duration.ofSeconds(1).toNanos());
          return null;
        });
    assertEquals("1", cache.peek("a"));
    advanceTo(Duration.ofSeconds(1), "a");
    assertEquals(List.of("CREATED a null->1"), events.events(), "setExpiry fires nothing");
  }

  /**
   * A cache built without an {@link Expiry} keeps no deadlines (its nodes have no room for one), so
   * an action that gives an entry a lifetime is refused there and then, and the cache is left as it
   * was. It used to be accepted and not kept: a get returned the entry long after it was due.
   */
  @Test
  void explicitLifetimesNeedACacheBuiltWithAnExpiry() {
    cache = DualCache.<String, String>builder().ticker(ticker).executor(Runnable::run).build();
    cache.put("a", "1");
    long second = Duration.ofSeconds(1).toNanos();
    for (long lifetime : new long[] {second, 0L}) {
      IllegalStateException setValue =
          assertThrows(
              IllegalStateException.class,
              () ->
                  cache.compute(
                      "a",
                      e -> {
                        e.setValue("2", lifetime);
                        return null;
                      }));
      assertTrue(setValue.getMessage().contains("expiry"), setValue.getMessage());
      assertThrows(
          IllegalStateException.class,
          () ->
              cache.compute(
                  "b",
                  e -> {
                    e.setValue("3");
                    e.setExpiry(lifetime);
                    return null;
                  }));
    }
    assertEquals("1", cache.get("a"), "the refused action changed nothing");
    assertNull(cache.peek("b"), "nor created anything");
    cache.compute(
        "a",
        e -> {
          e.setValue("2", Expiry.ETERNAL); // what every entry of such a cache has
          e.setExpiry(Expiry.KEEP);
          return null;
        });
    ticker.advance(Duration.ofDays(1));
    cache.cleanUp();
    assertEquals("2", cache.get("a"));
  }

  @Test
  void expiredEntryIsAbsentToWriters() {
    build(Expiry.afterWrite(Duration.ofSeconds(1)));
    cache.put("a", "1");
    advanceTo(Duration.ofSeconds(1), "a");
    assertNull(cache.putIfAbsent("a", "2"), "the expired entry counts as absent");
    assertEquals("2", cache.get("a"));
    assertEquals(
        List.of("CREATED a null->1", "EXPIRED a 1->null", "CREATED a null->2"), events.events());
  }

  /** A deadline that only reads set (the entry was created eternal) is swept like any other. */
  @Test
  void aDeadlineSetOnlyByReadsIsSwept() {
    build(
        new Expiry<>() {
          @Override
          public long afterCreate(String key, String value) {
            return ETERNAL;
          }

          @Override
          public long afterRead(String key, String value) {
            return Duration.ofSeconds(1).toNanos();
          }

          @Override
          public boolean movesOnRead() {
            return true;
          }
        });
    cache.put("k", "v");
    assertEquals("v", cache.get("k")); // moves the deadline to now + 1 s
    events.drain();
    ticker.advance(Duration.ofSeconds(5)); // several sweep periods, and nobody reads k again
    cache.cleanUp();
    ticker.advance(Duration.ofSeconds(5));
    cache.cleanUp();
    assertEquals(List.of("EXPIRED k v->null"), events.drain(), "the sweep removed the entry");
    assertEquals(0, cache.size());
  }
}
