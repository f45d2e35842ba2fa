package io.dualcache.engine;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class BuilderValidationTest {

  private static void rejects(String setting, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(setting), () -> "message names " + setting + ": " + e);
  }

  @Test
  void boundsMustBeNonNegativeAndExclusive() {
    rejects("maximumSize", () -> DualCache.builder().maximumSize(-1));
    rejects("maximumWeight", () -> DualCache.builder().maximumWeight(-5, (k, v) -> 1));
    rejects(
        "maximumWeight", () -> DualCache.builder().maximumSize(10).maximumWeight(5, (k, v) -> 1));
    rejects("maximumSize", () -> DualCache.builder().maximumWeight(5, (k, v) -> 1).maximumSize(10));
    assertThrows(NullPointerException.class, () -> DualCache.builder().maximumWeight(5, null));
  }

  @Test
  void hotTiersArePowersOfTwoWithinLimits() {
    rejects("t1Slots", () -> DualCache.builder().hotTiers(3, 0));
    rejects("t1Slots", () -> DualCache.builder().hotTiers(8192, 0));
    rejects("t1Slots", () -> DualCache.builder().hotTiers(0, 64));
    rejects("t2Slots", () -> DualCache.builder().hotTiers(64, 100));
    rejects("t2Slots", () -> DualCache.builder().hotTiers(64, 1 << 21));
  }

  @Test
  void tickDurationHasARange() {
    rejects("tickDuration", () -> DualCache.builder().tickDuration(Duration.ofNanos(10)));
    rejects("tickDuration", () -> DualCache.builder().tickDuration(Duration.ofSeconds(5)));
    rejects("tickDuration", () -> DualCache.builder().tickDuration(Duration.ofMillis(-1)));
  }

  @Test
  void otherSettings() {
    rejects("initialCapacity", () -> DualCache.builder().initialCapacity(-1));
    rejects("concurrencyLevel", () -> DualCache.builder().concurrencyLevel(3));
    rejects("concurrencyLevel", () -> DualCache.builder().concurrencyLevel(1));
    rejects("expireAfterWrite", () -> DualCache.builder().expireAfterWrite(Duration.ofSeconds(-1)));
    rejects(
        "executor", () -> DualCache.builder().threadFactory(Thread::new).executor(Runnable::run));
  }
}
