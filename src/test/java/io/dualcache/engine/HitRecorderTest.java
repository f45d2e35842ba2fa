package io.dualcache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HitRecorderTest {

  @Test
  void recordsEveryHitWhileTheRingHasRoom() {
    HitRecorder recorder = new HitRecorder(4);
    for (int h = 0; h < 100; h++) {
      recorder.record(h);
    }
    List<Integer> drained = new ArrayList<>();
    assertEquals(100, recorder.drain(drained::add));
    for (int h = 0; h < 100; h++) {
      assertEquals(h, drained.get(h));
    }
    assertEquals(0, recorder.drain(drained::add), "drained records are gone");
  }

  @Test
  void dropsWhenFullAndKeepsAtMostOneRing() {
    HitRecorder recorder = new HitRecorder(4);
    for (int h = 0; h < 10 * HitRecorder.SIZE; h++) {
      recorder.record(h);
    }
    assertEquals(HitRecorder.SIZE, recorder.drain(h -> {}));
  }

  @Test
  void samplesUnderPressureAndRelaxesWhenQuiet() {
    HitRecorder recorder = new HitRecorder(4);
    for (int round = 0; round < 10; round++) {
      for (int h = 0; h < 10 * HitRecorder.SIZE; h++) {
        recorder.record(h);
      }
      recorder.drain(h -> {});
    }
    assertEquals(4, recorder.sampleBits(), "saturated rings: 1 hit in 16 is recorded");
    for (int h = 0; h < 1600; h++) {
      if (HitRecorder.sampled(h, recorder.filter())) {
        recorder.record(h);
      }
    }
    int recorded = recorder.drain(h -> {});
    assertTrue(recorded > 50 && recorded < 150, "about 1600/16 recorded: " + recorded);
    for (int round = 0; round < 40; round++) {
      recorder.record(round);
      recorder.drain(h -> {});
    }
    assertEquals(0, recorder.sampleBits(), "quiet drains bring every hit back");
  }

  @Test
  void successiveFiltersUnderPressureTakeTurnsOverTheKeys() {
    HitRecorder recorder = new HitRecorder(4);
    int[] sampledTimes = new int[16];
    for (int round = 0; round < 4 + 16; round++) {
      for (int h = 0; h < 10 * HitRecorder.SIZE; h++) {
        recorder.record(h); // keeps the rings full: the rate stays at its floor
      }
      recorder.drain(h -> {});
      if (round >= 4) {
        assertEquals(4, recorder.sampleBits());
        long filter = recorder.filter();
        for (int h = 0; h < 16; h++) {
          if (HitRecorder.sampled(h, filter)) {
            sampledTimes[h]++;
          }
        }
      }
    }
    for (int h = 0; h < 16; h++) {
      assertEquals(1, sampledTimes[h], "16 drains at 1 in 16 sample every residue once: " + h);
    }
  }

  @Test
  void recordNonePassesNoHashAndRecordAllPassesEvery() {
    SplittableRandom random = new SplittableRandom(7);
    int[] edges = {0, -1, 1, Integer.MIN_VALUE, Integer.MAX_VALUE};
    for (int h : edges) {
      assertFalse(HitRecorder.sampled(h, HitRecorder.RECORD_NONE), "RECORD_NONE passed " + h);
      assertTrue(HitRecorder.sampled(h, HitRecorder.RECORD_ALL), "RECORD_ALL dropped " + h);
    }
    for (int i = 0; i < 100_000; i++) {
      int h = random.nextInt();
      assertFalse(HitRecorder.sampled(h, HitRecorder.RECORD_NONE), "RECORD_NONE passed " + h);
      assertTrue(HitRecorder.sampled(h, HitRecorder.RECORD_ALL), "RECORD_ALL dropped " + h);
    }
  }
}
