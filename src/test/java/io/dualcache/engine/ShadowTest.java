package io.dualcache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** A shadow's copy is the same policy state: run on the same requests, it hits exactly alike. */
class ShadowTest {

  @Test
  void aCopyReplaysExactlyLikeItsOriginal() {
    FrequencySketch sketch = new FrequencySketch(200);
    Shadow original = new Shadow(200, sketch, 0.2);
    Random random = new Random(5);
    for (int i = 0; i < 20_000; i++) {
      int hash = request(random);
      sketch.increment(hash);
      original.access(hash, 1);
    }
    Shadow copy = original.copy();
    copy.setWindowShare(0.2);
    assertEquals(original.size(), copy.size());
    int hits = 0;
    for (int i = 0; i < 20_000; i++) {
      int hash = request(random);
      sketch.increment(hash);
      boolean hit = original.access(hash, 1);
      assertEquals(hit, copy.access(hash, 1), "request " + i);
      hits += hit ? 1 : 0;
    }
    // Skewed requests over 2,000 keys through 200 entries: the regions all matter.
    assertEquals(original.size(), copy.size());
    assertTrue(hits > 2_000 && hits < 18_000, "hits " + hits);
  }

  /**
   * A shadow knows keys by hash only: two keys of the cache with the same hash become one entry, so
   * the shadow's index and its policy keep agreeing on what it holds.
   */
  @Test
  void twoKeysWithOneHashBecomeOneEntry() {
    FrequencySketch sketch = new FrequencySketch(100);
    Policy<Object, Object> cache = new Policy<>(100, sketch);
    int hash = Index.spread(7);
    cache.onAdd(new PolicyNode<>(hash, "Aa", true));
    cache.onAdd(new PolicyNode<>(hash, "BB", true));
    cache.onAdd(new PolicyNode<>(Index.spread(8), "other", true));
    Shadow shadow = Shadow.of(cache, h -> true, 100, sketch);
    assertEquals(2, shadow.size());
    assertTrue(shadow.access(hash, 1), "the shared entry hits");
  }

  /** Keys 0..1999, the low ones far more often (a square of a uniform draw). */
  private static int request(Random random) {
    double u = random.nextDouble();
    return Index.spread((int) (u * u * 2000));
  }
}
