package io.dualcache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Counting, aging, and sizing of the admission sketch. */
class FrequencySketchTest {

  @Test
  void countsAndHalvesAfterItsSample() {
    FrequencySketch sketch = new FrequencySketch(400); // sample: MIN_SAMPLE increments
    int hot = Index.spread(1);
    countEightTimes(sketch, hot);
    assertEquals(8, sketch.frequency(hot));
    // Two samples' worth of one-off keys: two halvings, 8 -> 2 (plus a little collision noise).
    for (int k = 2; k < 2 + 2 * FrequencySketch.MIN_SAMPLE; k++) {
      sketch.increment(Index.spread(k));
    }
    assertTrue(sketch.frequency(hot) <= 4, "halved twice: " + sketch.frequency(hot));
  }

  /** Accesses the sketch was not shown (sampled-out hits) age it like counted ones. */
  @Test
  void accessesNotShownCountTowardTheHalving() {
    FrequencySketch sketch = new FrequencySketch(400); // sample: MIN_SAMPLE increments
    int hot = Index.spread(1);
    countEightTimes(sketch, hot);
    sketch.ageBy(FrequencySketch.MIN_SAMPLE - 9);
    assertEquals(8, sketch.frequency(hot), "one access short of the sample");
    sketch.ageBy(1);
    assertEquals(4, sketch.frequency(hot), "halved at the sample");
    // After a halving the next comes half a sample later, as after counted increments.
    sketch.ageBy(FrequencySketch.MIN_SAMPLE / 2 + FrequencySketch.MIN_SAMPLE - 1);
    assertEquals(1, sketch.frequency(hot), "halved twice more in one call");
  }

  private static void countEightTimes(FrequencySketch sketch, int hash) {
    for (int i = 0; i < 8; i++) {
      sketch.increment(hash);
    }
  }

  /**
   * The daemon updates the sketch on every drained hit: a key's four counters must share one block
   * of eight longs (one cache line), not cost four misses spread over the table.
   */
  @Test
  void keepsAKeysCountersInOneBlockOfEightWords() {
    FrequencySketch sketch = new FrequencySketch(1 << 12);
    long[] before = new long[sketch.tableLength()];
    SplittableRandom random = new SplittableRandom(7);
    for (int key = 0; key < 2_000; key++) {
      for (int i = 0; i < before.length; i++) {
        before[i] = sketch.word(i);
      }
      sketch.increment(Index.spread(random.nextInt()));
      Set<Integer> blocks = new HashSet<>();
      int changed = 0;
      for (int i = 0; i < before.length; i++) {
        if (sketch.word(i) != before[i]) {
          blocks.add(i / 8);
          changed++;
        }
      }
      assertTrue(changed >= 1, "an increment below the cap changes a counter");
      assertEquals(1, blocks.size(), "key " + key + " changed words in blocks " + blocks);
    }
  }

  /**
   * Keys that fill the sketch's capacity, each counted 1 to 8 times (fewer increments than a
   * sample, so nothing is halved): a count-min sketch never underestimates, and with one long per
   * key of capacity its collisions must stay rare. Fails if the rows' positions in a block are
   * correlated (as if one row's counter were used four times) or if keys crowd a few blocks.
   */
  @Test
  void estimatesCountsOfAFullSketchClosely() {
    int keys = 4_096;
    FrequencySketch sketch = new FrequencySketch(keys);
    for (int key = 0; key < keys; key++) {
      for (int c = 0; c <= key % 8; c++) {
        sketch.increment(Index.spread(key));
      }
    }
    int exact = 0;
    long excess = 0;
    for (int key = 0; key < keys; key++) {
      int truth = 1 + key % 8;
      int estimate = sketch.frequency(Index.spread(key));
      assertTrue(estimate >= truth, "key " + key + ": " + estimate + " < " + truth);
      exact += estimate == truth ? 1 : 0;
      excess += estimate - truth;
    }
    // Measured: 99.9% exact and 0.003 too many per key (99.6% and 0.008 with four counters spread
    // over the whole table, the layout before blocks).
    assertTrue(exact >= keys * 0.98, "exact estimates: " + exact + " of " + keys);
    assertTrue(excess <= keys * 0.03, "total overestimate: " + excess + " over " + keys + " keys");
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
