package io.dualcache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The tuner's cost stays bounded whatever the cache's size, and it starts from the cache's state.
 */
class WindowTunerTest {

  @Test
  void aLargeCacheIsSampledDownToSmallShadows() {
    FrequencySketch sketch = new FrequencySketch(100_000);
    WindowTuner tuner = new WindowTuner(100_000, sketch);
    assertFalse(tuner.started());
    assertEquals(0, tuner.largestShadow());
    tuner.start(100_000, new Policy<>(100_000, sketch));
    Random random = new Random(3);
    for (int i = 0; i < 2_000_000; i++) {
      int hash = Index.spread(random.nextInt(1_000_000));
      sketch.increment(hash);
      tuner.record(hash, 1);
    }
    // 100,000 entries sampled 1 in 256: about 390 per shadow, whatever the share.
    int largest = tuner.largestShadow();
    assertTrue(largest > 200 && largest <= WindowTuner.SHADOW_ENTRIES, "shadow entries " + largest);
  }

  @Test
  void aSmallCacheIsReplayedWhole() {
    FrequencySketch sketch = new FrequencySketch(300);
    WindowTuner tuner = new WindowTuner(300, sketch);
    tuner.start(300, new Policy<>(300, sketch));
    Random random = new Random(4);
    for (int i = 0; i < 100_000; i++) {
      int hash = Index.spread(random.nextInt(3000));
      sketch.increment(hash);
      tuner.record(hash, 1);
    }
    assertEquals(300, tuner.largestShadow());
  }

  /**
   * The shadows start with the sampled part of what the cache holds, so the first round compares
   * shares from the cache's state instead of spending itself on filling empty shadows.
   */
  @Test
  void theShadowsStartWithTheSampledPartOfTheCache() {
    FrequencySketch sketch = new FrequencySketch(100_000);
    Policy<Object, Object> cache = new Policy<>(100_000, sketch);
    for (int key = 0; key < 100_000; key++) {
      cache.onAdd(new PolicyNode<>(Index.spread(key), null, true));
    }
    WindowTuner tuner = new WindowTuner(100_000, sketch);
    tuner.start(100_000, cache);
    // 100,000 entries sampled 1 in 256 (the test above): about 390, before any access.
    int largest = tuner.largestShadow();
    assertTrue(largest > 300 && largest < 480, "shadow entries " + largest);
  }
}
