package io.dualcache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Where the index puts nodes: dense hash codes in their home slots, colliding ones in overflow runs
 * that neither lose them nor pile up into long clusters.
 */
class IndexPlacementTest {

  /** A key whose hash code the test chooses; equal only to a key with the same id. */
  record Key(int id, int hash) {
    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.id == id;
    }
  }

  private static <K> Index<K, K> fill(int count, IntUnaryOperator hashOf, IntFunction<K> keyOf) {
    Index<K, K> index = new Index<>(64, 16);
    for (int i = 0; i < count; i++) {
      K key = keyOf.apply(i);
      int hash = Index.spread(hashOf.applyAsInt(i));
      Segment<K, K> s = index.segmentFor(hash);
      s.lock();
      try {
        s.insertLocked(new Node<>(hash, key, key, Node.ETERNAL));
      } finally {
        s.unlock();
      }
    }
    return index;
  }

  @Test
  void sequentialKeysSitInTheirHomeSlotsWithoutCollisions() {
    Index<Integer, Integer> index = fill(100_000, i -> i, Integer::valueOf);
    for (Segment<Integer, Integer> s : index.segments()) {
      Node<Integer, Integer>[] slots = s.slots();
      int mask = slots.length - 1;
      for (int i = 0; i < slots.length; i++) {
        Node<Integer, Integer> n = slots[i];
        if (Segment.isNode(n)) {
          assertEquals(
              Index.homeSlot(Index.home(n.hash), index.segmentBits, mask), i, "slot of " + n);
        }
      }
    }
    for (int i = 0; i < 100_000; i++) {
      assertEquals(i, index.find(i, Index.spread(i)).key);
    }
  }

  /**
   * Hash codes that share their low bits, or that many keys share while also being dense (Long keys
   * {@code tenant << 32 | id} hash to {@code tenant ^ id}): probed linearly from the home slot or
   * from a start inside the dense block, such keys walk hundreds of slots. (Under "stride 2^20" ten
   * keys share each hash code, so some lookups must read ten slots or more.)
   */
  @Test
  void collidingHashCodesKeepLookupsShort() {
    Map<String, IntUnaryOperator> patterns = new LinkedHashMap<>();
    for (int shift : new int[] {6, 10, 16, 20}) {
      patterns.put("stride 2^" + shift, i -> i << shift);
    }
    patterns.put(
        "8 tenants x 5,000 dense ids", i -> Long.hashCode(((long) (i % 8) << 32) | (i / 8)));
    for (Map.Entry<String, IntUnaryOperator> p : patterns.entrySet()) {
      IntUnaryOperator hashOf = p.getValue();
      int count = 40_000;
      Index<Key, Key> index = fill(count, hashOf, i -> new Key(i, hashOf.applyAsInt(i)));
      for (int i = 0; i < count; i++) {
        Key key = new Key(i, hashOf.applyAsInt(i));
        assertEquals(key, index.find(key, Index.spread(key.hashCode())).key, p.getKey());
      }
      int worst = 0;
      for (Segment<Key, Key> s : index.segments()) {
        worst = Math.max(worst, longestLookup(s.slots(), index.segmentBits));
      }
      assertTrue(worst <= 64, p.getKey() + ": a lookup reads " + worst + " slots");
    }
  }

  @Test
  void aKeyInAnOverflowRunIsFoundAfterItsHomeSlotEmpties() {
    try (DualCache<Key, String> cache = DualCache.<Key, String>builder().build()) {
      Key a = new Key(1, 42);
      Key b = new Key(2, 42); // same home slot as a: goes to the overflow run
      Key c = new Key(3, 42);
      cache.put(a, "a");
      cache.put(b, "b");
      cache.remove(a); // a tombstone in the home slot, not a null: b must still be found
      assertEquals("b", cache.get(b));
      assertNull(cache.get(a));
      cache.put(c, "c"); // reuses the home slot
      assertEquals("b", cache.get(b));
      assertEquals("c", cache.get(c));
      cache.remove(b);
      assertNull(cache.get(b));
      assertEquals("c", cache.get(c));
      cache.put(a, "a2");
      assertEquals("a2", cache.get(a));
      assertEquals(2, cache.size());
    }
  }

  @Test
  void collidingKeysSurviveGrowthAndRemoval() {
    try (DualCache<Key, Integer> cache = DualCache.<Key, Integer>builder().build()) {
      for (int i = 0; i < 5_000; i++) {
        cache.put(new Key(i, i % 7), i); // 7 distinct hash codes for 5,000 keys
      }
      for (int i = 0; i < 5_000; i += 2) {
        assertEquals(i, cache.remove(new Key(i, i % 7)));
      }
      for (int i = 0; i < 5_000; i++) {
        Integer expected = i % 2 == 0 ? null : i;
        assertEquals(expected, cache.get(new Key(i, i % 7)), "key " + i);
      }
      assertEquals(2_500, cache.size());
    }
  }

  @Test
  void theHomeHashIsTheSpreadOfTheHashCodeUndone() {
    for (int h : new int[] {0, 1, -1, 42, Integer.MIN_VALUE, Integer.MAX_VALUE, 0x12345678}) {
      assertEquals(h ^ (h >>> 16), Index.home(Index.spread(h)), "hash code " + h);
    }
  }

  /** The most slots a lookup of a present key reads: its probe sequence up to its node. */
  private static int longestLookup(Node<?, ?>[] slots, int segmentBits) {
    int mask = slots.length - 1;
    int worst = 0;
    for (int i = 0; i < slots.length; i++) {
      Node<?, ?> n = slots[i];
      if (!Segment.isNode(n)) {
        continue;
      }
      int home = Index.homeSlot(Index.home(n.hash), segmentBits, mask);
      int overflow = Index.overflowHash(n.hash);
      int reads = 1;
      while (Index.probe(reads - 1, home, overflow, mask) != i) {
        reads++;
      }
      worst = Math.max(worst, reads);
    }
    return worst;
  }
}
