package io.dualcache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** The hot tiers hold the hottest nodes and never serve a stale or dead entry. */
class HotTierTest {

  /** Maintenance runs only in cleanUp(): the tasks the executor gets are dropped. */
  private static DualCache<Integer, String> tiered() {
    return DualCache.<Integer, String>builder().hotTiers(16, 64).executor(task -> {}).build();
  }

  /** Reads key often enough, then lets maintenance promote it. */
  private static void heat(DualCache<Integer, String> cache, int key) {
    for (int i = 0; i < 20; i++) {
      cache.get(key);
    }
    cache.cleanUp();
  }

  @Test
  void hotKeysArePromotedIntoT1() {
    HotTier<Integer, Integer> probe = new HotTier<>(4);
    assertNull(probe.find(1, Index.spread(1)));
    try (DualCache<Integer, String> cache = tiered()) {
      for (int i = 0; i < 1000; i++) {
        cache.put(i, "v" + i);
      }
      heat(cache, 7);
      Node<Integer, String> inTier = tier1(cache).find(7, Index.spread(7));
      assertNotNull(inTier, "key 7 was promoted");
      assertEquals("v7", inTier.valueAcquire());
    }
  }

  @Test
  void aPromotedKeyThatIsReplacedOrRemovedReadsCorrectly() {
    try (DualCache<Integer, String> cache = tiered()) {
      cache.put(7, "a");
      heat(cache, 7);
      Node<Integer, String> promoted = tier1(cache).find(7, Index.spread(7));
      assertNotNull(promoted);
      cache.put(7, "b");
      assertEquals("b", cache.get(7), "updates happen in place: the tier sees them");
      cache.remove(7);
      assertNull(cache.get(7), "the tier's node is dead: absent");
      cache.put(7, "c");
      assertSame(promoted, tier1(cache).find(7, Index.spread(7)), "tier still holds the old node");
      assertEquals("c", cache.get(7), "a dead tier node falls through to the index");
      cache.cleanUp();
      assertEquals("c", cache.get(7));
    }
  }

  @Test
  void clearEmptiesTheTiers() {
    try (DualCache<Integer, String> cache = tiered()) {
      cache.put(7, "a");
      heat(cache, 7);
      cache.clear();
      assertNull(tier1(cache).find(7, Index.spread(7)));
      assertNull(cache.get(7));
    }
  }

  private static HotTier<Integer, String> tier1(DualCache<Integer, String> cache) {
    return cache.tier1ForTest();
  }
}
