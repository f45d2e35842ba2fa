package io.dualcache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Counting, aging, and sizing of the admission sketch. */
class FrequencySketchTest {

  @Test
  void countsAndHalvesAfterItsSample() {
    FrequencySketch sketch = new FrequencySketch(400); // sample: MIN_SAMPLE increments
    int hot = Index.spread(1);
    for (int i = 0; i < 8; i++) {
      sketch.increment(hot);
    }
    assertEquals(8, sketch.frequency(hot));
    // Two samples' worth of one-off keys: two halvings, 8 -> 2 (plus a little collision noise).
    for (int k = 2; k < 2 + 2 * FrequencySketch.MIN_SAMPLE; k++) {
      sketch.increment(Index.spread(k));
    }
    assertTrue(sketch.frequency(hot) <= 4, "halved twice: " + sketch.frequency(hot));
  }

  /** A cache bounded by weight in bytes must not get a sketch sized by its byte count. */
  @Test
  void startsSmallAndGrowsWithTheEntries() {
    FrequencySketch sketch = new FrequencySketch(1L << 24);
    assertEquals(FrequencySketch.INITIAL_CAPACITY, sketch.tableLength());
    sketch.ensureCapacity(1000);
    assertEquals(FrequencySketch.INITIAL_CAPACITY, sketch.tableLength(), "room enough already");
    sketch.ensureCapacity(300_000);
    assertEquals(1 << 19, sketch.tableLength());
    sketch.ensureCapacity(1L << 30);
    assertEquals(1 << 24, sketch.tableLength(), "never past the capacity it was made for");
  }
}
