package io.dualcache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The daemon's cadence after rounds that only drained hit records. */
class DaemonThreadTest {

  private static long millis(double ms) {
    return (long) (ms * TimeUnit.MILLISECONDS.toNanos(1));
  }

  @Test
  void sleepsEightMillisecondsAfterACheapRoundOfHits() {
    assertEquals(millis(8), DaemonThread.sleepAfterHits(millis(0.1)));
    assertEquals(millis(8), DaemonThread.sleepAfterHits(millis(0.5)), "2,048 records at 2^16");
  }

  /** At 2^20 entries a round of 2,048 records took about 1.5 ms: hits keep under 1/16 of a core. */
  @Test
  void sleepsFifteenTimesAsLongAsAnExpensiveRoundOfHits() {
    assertEquals(millis(22.5), DaemonThread.sleepAfterHits(millis(1.5)));
    long round = millis(3);
    long sleep = DaemonThread.sleepAfterHits(round);
    assertEquals(1.0 / 16, (double) round / (round + sleep), 1e-9, "the daemon's duty cycle");
  }

  /** A round stretched by a pause (a collection, a descheduled daemon) never sleeps past 0.5 s. */
  @Test
  void neverSleepsLongerThanWhenIdle() {
    assertEquals(millis(500), DaemonThread.sleepAfterHits(millis(1_000)));
  }
}
